"""Pages of one-off events and outings: list, form, attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.activities import event_links, selectors, services
from teilhabe.activities.access import (
    GROUP_ROLES,
    organisation_ids,
    organisations_for,
    scoped_or_404,
)
from teilhabe.activities.codes import COUNT_FIELDS, MAX_EVENT_ATTENDANCE, AttendanceMode
from teilhabe.activities.forms import AttendanceForm, EventForm
from teilhabe.activities.models import Event, Participant
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_offered
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned

manage_events = requires("activities.manage_groups")


def _event(request: HttpRequest, pk: int) -> Event:
    return scoped_or_404(
        Event.objects.select_related("organisation", "group"), request.user, GROUP_ROLES, pk=pk
    )


@manage_events
def event_list(request: HttpRequest) -> HttpResponse:
    chosen = params.year(request.GET, default=None)
    events = selectors.events_of(organisation_ids(request.user, GROUP_ROLES), chosen)
    return render(request, "activities/event_list.html", {"events": events, "year": chosen})


@manage_events
def event_create(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, GROUP_ROLES)
    form = EventForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        event: Event = form.save(commit=False)
        event.organisation = form.cleaned_data.get("organisation") or organisations.get()
        event.save()
        messages.success(request, _("Event created. You can record the participants now."))
        return redirect("activities:event_detail", pk=event.pk)
    return render(request, "activities/event_form.html", {"form": form})


@manage_events
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = _event(request, pk)
    organisations = organisations_for(request.user, GROUP_ROLES)
    form = EventForm(request.POST or None, instance=event, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            save_versioned(event, form.cleaned_data["version"] or 0)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Saved."))
            return redirect("activities:event_detail", pk=event.pk)
    return render(request, "activities/event_form.html", {"form": form, "event": event})


def _attendance_form(event: Event, data: Any = None) -> AttendanceForm:
    initial: dict[str, Any] = {name: getattr(event, name) for name in COUNT_FIELDS}
    initial["participants"] = list(event.participants.values_list("pk", flat=True))
    form = AttendanceForm(
        data,
        named=event.attendance_mode == AttendanceMode.NAMED,
        maximum=MAX_EVENT_ATTENDANCE,
        choices=Participant.objects.filter(organisation=event.organisation_id),
        initial=initial,
        held_on=event.date if data is not None else None,
    )
    return form


def _posted_version(request: HttpRequest) -> int:
    return params.integer(request.POST, "version", minimum=0, maximum=2**31 - 1, default=0)


@manage_events
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The event with its attendance form; POST records the attendance."""
    event = _event(request, pk)
    form = _attendance_form(event, request.POST or None)
    if request.method == "POST" and form.is_valid():
        named = "participants" in form.fields
        try:
            services.record_event_attendance(
                event,
                counts=None if named else form.counts(),
                participants=list(form.cleaned_data["participants"]) if named else None,
                version=_posted_version(request),
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Attendance recorded."))
            return redirect("activities:event_detail", pk=event.pk)
    log_offered(request, form, "participants", "event")  # named: every participant listed
    status = 400 if form.errors else 200
    return render(
        request,
        "activities/event_detail.html",
        # links other apps add (event_links.py), e.g. to the public registration
        {"event": event, "form": form, "links": event_links.links_for(event)},
        status=status,
    )
