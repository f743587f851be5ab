"""The case page's tab "Termine": the case's appointments and reminders, with the forms
to book an appointment and set a reminder (posted to this app's views)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.appointments import selectors
from teilhabe.appointments.forms import AppointmentForm, ReminderForm
from teilhabe.casework.case_sections import CaseSection


def tab_context(request: HttpRequest, case: Any) -> dict[str, Any]:
    """The tab's data; casework has checked that the user may open the case and logs
    the read of the case page."""
    today = timezone.localdate()
    appointments = list(selectors.case_appointments(case))
    reminders = list(selectors.case_reminders(case))
    appointment_form = AppointmentForm(
        case=case, counsellors=selectors.counsellors_for(case, request.user)
    )
    appointment_form.fields["counsellor"].initial = request.user.pk
    return {
        "today": today,
        "upcoming": [item for item in appointments if item.date >= today],
        "past": [item for item in appointments if item.date < today],
        "open_reminders": [item for item in reminders if not item.is_done],
        "done_reminders": [item for item in reminders if item.is_done],
        "goal_reviews": case.goals.filter(review_on__isnull=False).order_by("review_on"),
        "appointment_form": appointment_form if case.is_open else None,
        "reminder_form": ReminderForm(case=case) if case.is_open else None,
    }


SECTION = CaseSection(
    key=selectors.TAB,
    title=_("Appointments"),
    template="appointments/tab.html",
    context=tab_context,
    order=40,
)
