"""Plausibility of the appointment and reminder forms (rules.py)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from teilhabe.appointments.forms import AppointmentForm, ReminderForm
from teilhabe.appointments.rules import DAYS_AHEAD, REMINDER_DAYS_AHEAD
from teilhabe.casework.models import Case

pytestmark = pytest.mark.django_db


def _form(case: Case, holder: Any, **values: Any) -> AppointmentForm:
    data = {
        "date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "starts_at": "09:00",
        "ends_at": "10:00",
        "modality": "vor_ort",
        "counsellor": str(holder.pk),
        **values,
    }
    counsellors = get_user_model().objects.filter(pk=holder.pk)
    return AppointmentForm(data, case=case, counsellors=counsellors)


def test_a_plausible_appointment_with_a_dari_mediator_is_valid(case: Case, counsellor: Any) -> None:
    form = _form(case, counsellor, mediator_language="prs", mediator_name="Frau Ahmadi")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["mediator_language"] == "prs"


@pytest.mark.parametrize("ends_at", ["09:00", "08:30"])
def test_the_end_must_lie_after_the_start(case: Case, counsellor: Any, ends_at: str) -> None:
    form = _form(case, counsellor, ends_at=ends_at)
    assert not form.is_valid()
    assert list(form.errors) == ["ends_at"]


def test_not_before_the_case_was_opened(case: Case, counsellor: Any) -> None:
    form = _form(case, counsellor, date="2025-01-05")  # opened on 06.01.2025
    assert not form.is_valid()
    assert "06.01.2025" in form.errors["date"][0]


def test_not_after_the_case_was_closed(case: Case, counsellor: Any) -> None:
    case.closed_on = datetime.date(2025, 6, 30)
    case.save()
    form = _form(case, counsellor, date="2025-07-01")
    assert not form.is_valid()
    assert "30.06.2025" in form.errors["date"][0]


def test_not_more_than_a_year_ahead(case: Case, counsellor: Any) -> None:
    today = timezone.localdate()
    last = today + datetime.timedelta(days=DAYS_AHEAD)
    assert _form(case, counsellor, date=last.isoformat()).is_valid()
    form = _form(case, counsellor, date=(last + datetime.timedelta(days=1)).isoformat())
    assert not form.is_valid()
    assert list(form.errors) == ["date"]


def test_an_unknown_language_code_is_refused(case: Case, counsellor: Any) -> None:
    form = _form(case, counsellor, mediator_language="xyz")
    assert not form.is_valid()
    assert list(form.errors) == ["mediator_language"]


def test_a_mediator_needs_a_language(case: Case, counsellor: Any) -> None:
    form = _form(case, counsellor, mediator_name="Herr Karimi")
    assert not form.is_valid()
    assert list(form.errors) == ["mediator_language"]


def test_only_the_offered_counsellors_can_hold_it(
    case: Case, counsellor: Any, users_by_role: dict[str, Any]
) -> None:
    form = _form(case, counsellor, counsellor=str(users_by_role["none"].pk))
    assert not form.is_valid()
    assert list(form.errors) == ["counsellor"]


def test_reminder_dates(case: Case) -> None:
    today = timezone.localdate()
    assert ReminderForm({"due_on": today.isoformat(), "text": "Antrag"}, case=case).is_valid()
    early = ReminderForm({"due_on": "2025-01-01", "text": "Antrag"}, case=case)
    assert list(early.errors) == ["due_on"]
    far = today + datetime.timedelta(days=REMINDER_DAYS_AHEAD + 1)
    late = ReminderForm({"due_on": far.isoformat(), "text": "Antrag"}, case=case)
    assert list(late.errors) == ["due_on"]
    assert list(ReminderForm({"due_on": today.isoformat(), "text": ""}, case=case).errors) == [
        "text"
    ]


def test_a_reminder_names_only_a_goal_of_its_own_case(case: Case, foreign_case: Case) -> None:
    from teilhabe.casework import services

    other_goal = services.add_goal(
        foreign_case, user=None, area="sprachlich", text="B1", agreed_on=foreign_case.opened_on
    )
    today = timezone.localdate().isoformat()
    form = ReminderForm({"due_on": today, "text": "x", "goal": str(other_goal.pk)}, case=case)
    assert list(form.errors) == ["goal"]
