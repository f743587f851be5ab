"""Security review (mass assignment, calendar leaks): a posted counsellor of another
organisation or a goal of another case is refused; a posted case id is ignored; the
calendar entry of a home visit names neither the client nor an address."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.appointments import calendar, services
from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.models import Case, Goal
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db


def _data(counsellor_pk: int, **values: str) -> dict[str, str]:
    day = timezone.localdate() + datetime.timedelta(days=2)
    return {
        "date": day.isoformat(),
        "starts_at": "14:00",
        "ends_at": "15:00",
        "modality": "vor_ort",
        "counsellor": str(counsellor_pk),
        **values,
    }


def test_a_counsellor_of_another_organisation_cannot_be_posted(
    case: Case, foreign_case: Case, counsellor: Any
) -> None:
    client = signed_in_client(counsellor)
    url = reverse("appointments:appointment_create", kwargs={"pk": case.pk})
    response = client.post(url, _data(foreign_case.responsible_id or 0))
    assert response.status_code == 400
    assert not Appointment.objects.exists()


def test_a_posted_case_id_is_ignored(case: Case, foreign_case: Case, counsellor: Any) -> None:
    client = signed_in_client(counsellor)
    url = reverse("appointments:appointment_create", kwargs={"pk": case.pk})
    response = client.post(url, _data(counsellor.pk, case=str(foreign_case.pk)))
    assert response.status_code == 302
    assert list(Appointment.objects.values_list("case_id", flat=True)) == [case.pk]


def test_a_goal_of_another_case_cannot_be_posted(
    case: Case, foreign_case: Case, counsellor: Any
) -> None:
    foreign_goal = Goal.objects.create(
        case=foreign_case,
        area="sozial",
        text="Fremdes Ziel",
        agreed_on=foreign_case.opened_on,
        status_on=foreign_case.opened_on,
    )
    client = signed_in_client(counsellor)
    url = reverse("appointments:reminder_create", kwargs={"pk": case.pk})
    day = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url, {"due_on": day, "text": "Anrufen", "goal": str(foreign_goal.pk)})
    assert response.status_code == 400
    assert not Reminder.objects.exists()


def test_the_calendar_entry_of_a_home_visit_names_no_client_and_no_address(
    case: Case, counsellor: Any
) -> None:
    appointment = services.book(
        case,
        author=counsellor,
        date=timezone.localdate() + datetime.timedelta(days=1),
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(10, 0),
        modality="hausbesuch",
        place="Kovalenko, Hauptstr. 1",
        counsellor=counsellor,
    )
    entry = calendar.to_entry(appointment)
    text = f"{entry.title} {entry.place} {entry.url}"
    assert "Kovalenko" not in text and "Hauptstr" not in text
