"""The counsellor's appointments in the calendar and its iCal feed: present, and
without the client's name or anything else personal."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from teilhabe.activities import subscriptions
from teilhabe.appointments import services
from teilhabe.casework.models import Case
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db

PERSONAL = ("Olena", "Kovalenko", "Frau Ahmadi", "Lindenstraße 4", "Unterlagen mitbringen")


def _book(case: Case, counsellor: Any, days: int, modality: str, place: str = "") -> Any:
    return services.book(
        case,
        author=counsellor,
        counsellor=counsellor,
        date=timezone.localdate() + datetime.timedelta(days=days),
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(10, 30),
        modality=modality,
        place=place,
        mediator_language="prs",
        mediator_name="Frau Ahmadi",
        note="Unterlagen mitbringen",
    )


def _events(body: bytes) -> list[Any]:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_the_feed_carries_appointments_without_names(
    provider: Any, case: Case, counsellor: Any
) -> None:
    in_person = _book(case, counsellor, 1, "vor_ort", "Raum 2")
    home = _book(case, counsellor, 2, "hausbesuch", "Lindenstraße 4")
    cancelled = _book(case, counsellor, 3, "telefon")
    services.cancel(cancelled)
    response = signed_in_client(counsellor).get(
        reverse("activities:calendar_export", kwargs={"slug": provider.slug})
    )
    assert response.status_code == 200
    body = response.content
    text = body.decode()
    for word in PERSONAL:
        assert word not in text, word
    events = {str(event["uid"]).split("@")[0]: event for event in _events(body)}
    first = events[f"termin-{in_person.pk}"]
    assert "MBE" in str(first["summary"])
    assert str(first["location"]) == "Raum 2"
    assert first["dtstart"].dt.time() == datetime.time(9, 0)
    assert first["dtend"].dt.time() == datetime.time(10, 30)
    assert str(events[f"termin-{home.pk}"]["location"]) != "Lindenstraße 4"
    assert str(events[f"termin-{cancelled.pk}"]["status"]) == "CANCELLED"


def test_the_subscription_carries_the_owners_appointments_only(
    provider: Any, case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    appointment = _book(case, counsellor, 1, "video")
    _own, token = subscriptions.create_subscription(counsellor, provider)
    _other, other_token = subscriptions.create_subscription(users_by_role["team_lead"], provider)
    anonymous = signed_in_client(counsellor).__class__()
    url = reverse("activities:subscription_export", kwargs={"token": token})
    uids = [str(event["uid"]) for event in _events(anonymous.get(url).content)]
    assert any(uid.startswith(f"termin-{appointment.pk}@") for uid in uids)
    other = reverse("activities:subscription_export", kwargs={"token": other_token})
    assert "termin-" not in anonymous.get(other).content.decode()


def test_the_feed_drops_appointments_of_a_case_no_longer_visible(
    provider: Any, case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    _book(case, counsellor, 1, "vor_ort")
    case.responsible = users_by_role["team_lead"]
    case.save()  # handed to a colleague: the counsellor no longer sees the case
    response = signed_in_client(counsellor).get(
        reverse("activities:calendar_export", kwargs={"slug": provider.slug})
    )
    assert "termin-" not in response.content.decode()


def test_the_calendar_page_links_the_appointment_to_the_case(case: Case, counsellor: Any) -> None:
    _book(case, counsellor, 0, "vor_ort")
    page = signed_in_client(counsellor).get(reverse("activities:calendar")).content.decode()
    assert reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine" in page
    assert "Kovalenko" not in page
