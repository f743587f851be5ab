"""The appointments and reminders of a person's own cases, for the data-subject access
export (casework/subject_access_parts.py). Cases in which the person was only
co-counselled are left out: their appointments belong to the other client."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.subject_access_parts import SubjectAccessPart
from teilhabe.core.languages import language_name


def _own_case_ids(person: Any, cases: Sequence[Any]) -> list[int]:
    return [case.pk for case in cases if case.client_id == person.pk]


def appointment_rows(person: Any, cases: Sequence[Any], full: bool) -> list[dict[str, str]]:
    appointments = Appointment.objects.filter(case_id__in=_own_case_ids(person, cases))
    return [
        {
            _("Date"): f"{item.date:%d.%m.%Y} {item.starts_at:%H:%M}–{item.ends_at:%H:%M}",
            _("Kind and place"): " · ".join(
                part for part in (item.get_modality_display(), item.place) if part
            ),
            _("Language mediation"): language_name(item.mediator_language)
            if item.mediator_language
            else "–",
            _("Note"): item.note or "–",
            _("Status"): _("cancelled") if item.cancelled else _("booked"),
        }
        for item in appointments.select_related("case").order_by("date", "starts_at", "pk")
    ]


def reminder_rows(person: Any, cases: Sequence[Any], full: bool) -> list[dict[str, str]]:
    reminders = Reminder.objects.filter(case_id__in=_own_case_ids(person, cases))
    return [
        {
            _("Due on"): f"{item.due_on:%d.%m.%Y}",
            _("What is to be done"): item.text,
            _("Done"): f"{item.done_at:%d.%m.%Y}" if item.done_at else "–",
        }
        for item in reminders.order_by("due_on", "pk")
    ]


APPOINTMENTS = SubjectAccessPart("appointments", gettext_lazy("Appointments"), appointment_rows)
REMINDERS = SubjectAccessPart("reminders", gettext_lazy("Reminders"), reminder_rows)
