"""Groups and events through their pages: the programme coordinator's work, and the
organisation boundary."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.activities.models import Event, Group, GroupMeeting, Participant
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.PROGRAMME_COORDINATOR.value]


def test_coordinator_creates_a_weekly_group_and_records_a_date(
    coordinator: Any, provider: Organisation
) -> None:
    client = signed_in_client(coordinator)
    response = client.post(
        reverse("activities:group_create"),
        {
            "name": "Seniorentreff",
            "place": "Integrationszentrum",
            "weekday": "0",
            "starts_at": "14:00",
            "ends_at": "16:30",
            "first_date": "2024-01-08",
            "attendance_mode": "counts",
            "staff_leads": [coordinator.pk],
            "is_active": "on",
        },
    )
    group = Group.objects.get(name="Seniorentreff")
    assert response.url == reverse("activities:group_detail", kwargs={"pk": group.pk})
    assert group.organisation == provider and list(group.staff_leads.all()) == [coordinator]

    url = reverse("activities:meeting_create", kwargs={"pk": group.pk}) + "?datum=2024-01-15"
    form_page = client.get(url)
    assert form_page.context["form"].initial["date"] == datetime.date(2024, 1, 15)
    response = client.post(
        url,
        {
            "date": "2024-01-15",
            "starts_at": "14:00",
            "topic": "Gedächtnistraining",
            "total": "23",
            "female": "17",
            "male": "6",
            "age_27_64": "3",
            "age_65_plus": "20",
        },
    )
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get(group=group)
    assert (meeting.total, meeting.female, meeting.male, meeting.age_65_plus) == (23, 17, 6, 20)
    assert meeting.gender_unknown == 0 and meeting.age_unknown == 0

    url = reverse("activities:group_detail", kwargs={"pk": group.pk})
    assert "Gedächtnistraining" not in client.get(url).content.decode()  # this year only
    page = client.get(url, {"jahr": "2024"}).content.decode()
    assert "Gedächtnistraining" in page
    assert "1 Termin stattgefunden, insgesamt 23 Teilnahmen." in page


def test_a_total_alone_is_recorded_as_unknown_breakdown(
    coordinator: Any, provider: Organisation
) -> None:
    group = services.create_group(provider, name="Elterncafé")
    client = signed_in_client(coordinator)
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    assert client.post(url, {"date": "2024-02-01", "total": "9"}).status_code == 302
    meeting = GroupMeeting.objects.get()
    assert (meeting.total, meeting.gender_unknown, meeting.age_unknown) == (9, 9, 9)


def test_named_attendance_derives_the_counts(coordinator: Any, provider: Organisation) -> None:
    group = services.create_group(provider, name="Mädchengruppe", attendance_mode="named")
    client = signed_in_client(coordinator)
    add = reverse("activities:participant_add", kwargs={"pk": group.pk})
    client.post(
        add, {"first_name": "Amina", "last_name": "K.", "gender": "female", "birth_year": "2012"}
    )
    client.post(add, {"first_name": "Lea", "gender": "female", "birth_year": "2008"})
    client.post(add, {"first_name": "Sara", "gender": "female"})
    amina, lea, _sara = Participant.objects.order_by("first_name")
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    response = client.post(url, {"date": "2024-09-10", "participants": [amina.pk, lea.pk]})
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert meeting.attendance_mode == "named"
    assert (meeting.total, meeting.female, meeting.age_0_13, meeting.age_unknown) == (2, 2, 1, 0)
    assert meeting.age_14_26 == 1  # Amina: 2024 - 2012 = 12, a child; Lea: 16, youth
    assert set(meeting.participants.all()) == {amina, lea}


def test_cancelled_date_has_no_attendance(coordinator: Any, provider: Organisation) -> None:
    group = services.create_group(
        provider, name="Tanzgruppe", weekday=3, first_date=datetime.date(2024, 1, 4)
    )
    client = signed_in_client(coordinator)
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    response = client.post(url, {"date": "2024-01-11", "cancelled": "on", "total": "-3"})
    assert response.status_code == 302
    meeting = GroupMeeting.objects.get()
    assert meeting.cancelled and meeting.total is None


def test_editing_a_date_detects_a_concurrent_change(
    coordinator: Any, provider: Organisation
) -> None:
    group = services.create_group(provider, name="Tanzgruppe")
    meeting = services.record_meeting(
        group, date=datetime.date(2024, 1, 4), counts={"total": 2, "female": 2, "age_0_13": 2}
    )
    client = signed_in_client(coordinator)
    url = reverse("activities:meeting_edit", kwargs={"pk": meeting.pk})
    stale = {"version": meeting.version, "total": "3", "female": "3", "age_0_13": "3"}
    assert client.post(url, stale).status_code == 302
    again = client.post(url, {**stale, "total": "4", "female": "4", "age_0_13": "4"})
    assert again.status_code == 400
    assert "Jemand anderes hat diesen Datensatz gespeichert" in again.content.decode()
    meeting.refresh_from_db()
    assert meeting.total == 3


def test_other_organisations_groups_are_not_found(
    coordinator: Any, city: Organisation, provider: Organisation
) -> None:
    foreign = services.create_group(city, name="Fremde Gruppe")
    meeting = services.record_meeting(foreign, date=datetime.date(2024, 1, 1))
    event = services.create_event(city, kind="event", title="Fremd", date=datetime.date(2024, 1, 1))
    client = signed_in_client(coordinator)
    for url in (
        reverse("activities:group_detail", kwargs={"pk": foreign.pk}),
        reverse("activities:group_edit", kwargs={"pk": foreign.pk}),
        reverse("activities:meeting_create", kwargs={"pk": foreign.pk}),
        reverse("activities:meeting_edit", kwargs={"pk": meeting.pk}),
        reverse("activities:event_detail", kwargs={"pk": event.pk}),
    ):
        assert client.get(url).status_code == 404, url
    assert "Fremde Gruppe" not in client.get(reverse("activities:group_list")).content.decode()


def test_a_coordinator_of_two_organisations_chooses_one(
    provider: Organisation, city: Organisation
) -> None:
    from teilhabe.accounts.services import add_membership

    user = make_user("doppelt", provider, Role.PROGRAMME_COORDINATOR.value)
    add_membership(user, city, Role.PROGRAMME_COORDINATOR.value)
    client = signed_in_client(user)
    data = {"name": "Fahrradkurs für Frauen", "attendance_mode": "counts", "is_active": "on"}
    assert (
        client.post(reverse("activities:group_create"), data).status_code == 200
    )  # organisation missing
    assert (
        client.post(
            reverse("activities:group_create"), {**data, "organisation": city.pk}
        ).status_code
        == 302
    )
    assert Group.objects.get().organisation == city


def test_event_with_partners_funding_and_attendance(
    coordinator: Any, provider: Organisation
) -> None:
    client = signed_in_client(coordinator)
    response = client.post(
        reverse("activities:event_create"),
        {
            "kind": "outing",
            "title": "Urlaub ohne Koffer",
            "date": "2024-05-15",
            "starts_at": "09:00",
            "ends_at": "18:00",
            "place": "Celle",
            "partners": "Förderverein MeiNZ",
            "funding_source": "Margarete-Schnellecke-Stiftung",
            "attendance_mode": "counts",
        },
    )
    event = Event.objects.get()
    assert response.url == reverse("activities:event_detail", kwargs={"pk": event.pk})
    url = reverse("activities:event_detail", kwargs={"pk": event.pk})
    counts = {
        "version": event.version,
        "total": "30",
        "female": "22",
        "male": "8",
        "age_65_plus": "30",
    }
    assert client.post(url, counts).status_code == 302
    event.refresh_from_db()
    assert (event.total, event.female, event.male, event.age_65_plus) == (30, 22, 8, 30)
    wrong = client.post(url, {**counts, "version": event.version, "male": "9"})
    assert wrong.status_code == 400
    event.refresh_from_db()
    assert event.male == 8
