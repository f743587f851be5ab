"""Write paths of appointments and reminders. The views check access to the case
(casework.access) before they call these; the audit log records every change
(audit/registry.py)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.core.versioning import save_versioned


@transaction.atomic
def book(case: Any, *, author: Any, **fields: Any) -> Appointment:
    appointment = Appointment(case=case, author=author, **fields)
    appointment.full_clean()
    appointment.save()
    return appointment


def change(appointment: Appointment, *, expected_version: int, **fields: Any) -> Appointment:
    """Stores the edited appointment unless somebody saved it since the form was loaded
    (raises core.versioning.EditConflict)."""
    for name, value in fields.items():
        setattr(appointment, name, value)
    appointment.full_clean()
    save_versioned(appointment, expected_version)
    return appointment


def cancel(appointment: Appointment) -> None:
    """Marks the appointment as cancelled; it stays, so the feed reports the cancellation."""
    if not appointment.cancelled:
        appointment.cancelled = True
        appointment.cancelled_at = timezone.now()
        appointment.version += 1
        appointment.save(update_fields=["cancelled", "cancelled_at", "version"])


@transaction.atomic
def add_reminder(case: Any, *, author: Any, **fields: Any) -> Reminder:
    reminder = Reminder(case=case, author=author, **fields)
    if reminder.goal is not None and reminder.goal.case_id != case.pk:
        raise ValueError("the goal belongs to another case")
    reminder.full_clean()
    reminder.save()
    return reminder


def set_done(reminder: Reminder, *, user: Any, done: bool) -> None:
    if done == reminder.is_done:
        return
    reminder.done_at = timezone.now() if done else None
    reminder.done_by = user if done else None
    reminder.save(update_fields=["done_at", "done_by"])
