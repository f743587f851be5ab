"""Pages of appointments and reminders: forms of their own, posted from the case
page's tab "Termine" and sending the user back there. Access goes through casework:
a case the user may not open is a 404, and so is its appointment."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.appointments import selectors, services
from teilhabe.appointments.forms import AppointmentForm, ReminderForm
from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.access import visible_case_or_404
from teilhabe.casework.models import Case
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict

work_with_cases = requires("casework.work_with_cases")


def _back(case: Case) -> HttpResponse:
    return redirect(selectors.case_tab_url(case.pk))


def _form_page(request: HttpRequest, case: Case, form: Any, title: str) -> HttpResponse:
    # the page names the client: a read of the case
    log_read(request, case, "appointments-form")
    context = {"case": case, "form": form, "title": title, "back": selectors.case_tab_url(case.pk)}
    status = 400 if form.is_bound else 200
    return render(request, "appointments/form.html", context, status=status)


def _appointment_form(request: HttpRequest, case: Case, **kwargs: Any) -> AppointmentForm:
    instance = kwargs.get("instance")
    holder = instance.counsellor_id if instance is not None else None
    counsellors = selectors.counsellors_for(case, request.user, holder)
    data = request.POST if request.method == "POST" else None
    form = AppointmentForm(data, case=case, counsellors=counsellors, **kwargs)
    if data is None and instance is None:
        form.fields["counsellor"].initial = request.user.pk
    return form


@work_with_cases
def appointment_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    form = _appointment_form(request, case)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        services.book(case, author=request.user, **fields)
        messages.success(request, _("Appointment booked."))
        return _back(case)
    return _form_page(request, case, form, _("Book an appointment"))


@work_with_cases
def appointment_edit(request: HttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    appointment = get_object_or_404(Appointment, case=case, pk=appointment_pk)
    form = _appointment_form(request, case, instance=appointment)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.change(appointment, expected_version=form.cleaned_data["version"], **fields)
        except EditConflict:
            form.add_error(None, str(CONFLICT_MESSAGE))
            return _form_page(request, case, form, _("Change the appointment"))
        messages.success(request, _("Appointment changed."))
        return _back(case)
    return _form_page(request, case, form, _("Change the appointment"))


@work_with_cases
@require_POST
def appointment_cancel(request: HttpRequest, pk: int, appointment_pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    appointment = get_object_or_404(Appointment, case=case, pk=appointment_pk)
    services.cancel(appointment)
    messages.success(request, _("Appointment cancelled."))
    return _back(case)


@work_with_cases
def reminder_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    form = ReminderForm(request.POST if request.method == "POST" else None, case=case)
    if request.method == "POST" and form.is_valid():
        services.add_reminder(case, author=request.user, **form.cleaned_data)
        messages.success(request, _("Reminder set."))
        return _back(case)
    return _form_page(request, case, form, _("Set a reminder"))


@work_with_cases
@require_POST
def reminder_done(request: HttpRequest, pk: int, reminder_pk: int) -> HttpResponse:
    case = visible_case_or_404(request.user, pk)
    reminder = get_object_or_404(Reminder, case=case, pk=reminder_pk)
    done = request.POST.get("erledigt") != "0"
    services.set_done(reminder, user=request.user, done=done)
    messages.success(request, _("Reminder done.") if done else _("Reminder open again."))
    return _back(case)
