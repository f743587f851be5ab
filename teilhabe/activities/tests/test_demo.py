"""The demo city's groups, events and volunteers at the Diakonie, seen by the demo users."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.activities.figures import activity_report
from teilhabe.activities.models import Event, Group, GroupMeeting, Volunteer
from teilhabe.conftest import signed_in_client
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_groups_events_and_volunteers() -> None:
    musterstadt.load(scale=0)
    diakonie = Organisation.objects.get(slug="diakonie")
    names = set(Group.objects.filter(organisation=diakonie).values_list("name", flat=True))
    assert {"Seniorentreff", "Elterncafé", "Mädchentreff GirlsUp!", "TanzWelt",
            "Fahrradkurs für Frauen"} == names  # fmt: skip
    titles = set(Event.objects.values_list("title", flat=True))
    assert "Urlaub ohne Koffer" in titles and any(t.startswith("Iftar") for t in titles)
    named = GroupMeeting.objects.filter(attendance_mode="named", total__gt=0).first()
    assert named is not None and named.participants.count() == named.total
    assert Volunteer.objects.filter(organisation=diakonie).count() == 8

    report = activity_report(diakonie, timezone.localdate().year)
    previous = report.previous
    assert previous.group_dates > 150 and previous.group_participants > 2000
    assert [e.title for e in previous.events if e.participants][:1] == [
        "Iftar – interkulturelles Fastenbrechen"
    ]
    assert previous.volunteers.volunteers == 8 and previous.volunteers.group_leads == 3
    assert previous.volunteers.hours > 0

    programme = signed_in_client(User.objects.get(username="programm"))
    assert "Seniorentreff" in programme.get(reverse("activities:group_list")).content.decode()
    volunteers = signed_in_client(User.objects.get(username="ehrenamt"))
    page = volunteers.get(reverse("activities:volunteer_list")).content.decode()
    assert "Ljudmila Wagner" in page
    assert volunteers.get(reverse("activities:group_list")).status_code == 403
