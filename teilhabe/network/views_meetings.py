"""Pages of meetings (agenda, attendance, minutes, decisions) and of decisions across
meetings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.network import access, selectors, services
from teilhabe.network.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionEditForm,
    DecisionFilterForm,
    DecisionForm,
    MeetingEditForm,
    MeetingForm,
)
from teilhabe.network.models import Attendance, Decision, Meeting
from teilhabe.network.views_bodies import recordable_body
from teilhabe.network.views_support import form_page, run_service

take_part = requires("network.take_part")


def _meeting(request: HttpRequest, pk: int, *, record: bool = False) -> Meeting:
    meetings = access.visible_meetings(request.user).select_related("body__owner")
    meeting: Meeting = access.get_visible(meetings, pk)
    if record and not access.can_record_in(request.user, meeting.body):
        raise PermissionDenied
    return meeting


def _meeting_page(request: HttpRequest, meeting: Meeting, **forms: Any) -> HttpResponse:
    can_record = access.can_record_in(request.user, meeting.body)
    context = {**selectors.meeting_page(meeting), "can_record": can_record, "tab": "bodies"}
    # the attendance list names the members
    log_reads(request, [row["member"] for row in context["attendance_rows"]], "meeting")
    if can_record:
        context["agenda_form"] = forms.get("agenda_form") or AgendaItemForm()
        context["decision_form"] = forms.get("decision_form") or DecisionForm(meeting=meeting)
    return render(request, "network/meeting_detail.html", context, status=400 if forms else 200)


@take_part
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    body = recordable_body(request, pk)
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("held_on", "starts_at", "place")}
        agenda = form.agenda_lines()
        meeting = run_service(form, lambda: services.create_meeting(body, agenda=agenda, **fields))
        if meeting:
            messages.success(request, _("Meeting saved."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=_("New meeting of %(body)s") % {"body": body},
        cancel_url=reverse("network:body_detail", kwargs={"pk": body.pk}),
        submit=_("Save"),
        tab="bodies",
    )


@take_part
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_page(request, _meeting(request, pk))


@take_part
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, record=True)
    initial = {"version": meeting.version}
    form = MeetingEditForm(request.POST or None, instance=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_meeting(changed, version)):
            messages.success(request, _("Saved."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    return form_page(
        request,
        form,
        title=_("Minutes: %(meeting)s") % {"meeting": meeting},
        cancel_url=reverse("network:meeting_detail", kwargs={"pk": meeting.pk}),
        submit=_("Save"),
        tab="bodies",
    )


@take_part
@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, record=True)
    form = AgendaItemForm(request.POST)
    if form.is_valid():
        title = form.cleaned_data["title"]
        if run_service(form, lambda: services.add_agenda_item(meeting, title)):
            messages.success(request, _("Agenda item added."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    return _meeting_page(request, meeting, agenda_form=form)


@take_part
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, record=True)
    members = services.members_on(meeting.body, meeting.held_on)
    recorded = dict(meeting.attendances.values_list("membership_id", "status"))
    # An empty sheet starts with everyone present: the secretary marks the exceptions.
    preset = not recorded
    default = Attendance.Status.PRESENT if preset else ""
    initial: dict[str, Any] = {f"m{m.pk}": recorded.get(m.pk, default) for m in members}
    initial["version"] = meeting.version
    form = AttendanceForm(request.POST or None, members=members, initial=initial)
    if request.method == "POST" and form.is_valid():
        statuses, version = form.statuses(), form.cleaned_data["version"]
        if run_service(form, lambda: services.record_attendance(meeting, statuses, version)):
            messages.success(request, _("Attendance saved."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    context = {
        "form": form,
        "no_fields": [],
        "rows": [{"member": m, "field": form[f"m{m.pk}"]} for m in members],
        "columns": form.columns,
        "preset": preset,
        "title": _("Attendance: %(meeting)s") % {"meeting": meeting},
        "cancel_url": meeting_url(meeting),
        "tab": "bodies",
    }
    log_reads(request, members, "attendance")
    status = 400 if request.method == "POST" else 200
    return render(request, "network/attendance.html", context, status=status)


@take_part
@require_POST
def decision_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, record=True)
    form = DecisionForm(request.POST, meeting=meeting)
    if form.is_valid():
        fields = dict(form.cleaned_data)
        if run_service(
            form, lambda: services.record_decision(meeting, user=request.user, **fields)
        ):
            messages.success(request, _("Decision recorded."))
            return redirect("network:meeting_detail", pk=meeting.pk)
    return _meeting_page(request, meeting, decision_form=form)


@take_part
def decision_edit(request: HttpRequest, pk: int) -> HttpResponse:
    decision: Decision = access.get_visible(
        access.visible_decisions(request.user).select_related("meeting__body"), pk
    )
    meeting = _meeting(request, decision.meeting_id, record=True)
    initial = {"version": decision.version}
    form = DecisionEditForm(
        request.POST or None, instance=decision, meeting=meeting, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_decision(changed, version)):
            messages.success(request, _("Saved."))
            return redirect(meeting_url(meeting))
    return form_page(
        request,
        form,
        title=_("Decision of %(meeting)s") % {"meeting": meeting},
        cancel_url=meeting_url(meeting),
        submit=_("Save"),
        tab="decisions",
    )


def meeting_url(meeting: Meeting) -> str:
    return reverse("network:meeting_detail", kwargs={"pk": meeting.pk})


@take_part
def decision_list(request: HttpRequest) -> HttpResponse:
    bodies = access.visible_bodies(request.user)
    form = DecisionFilterForm(request.GET or None, bodies=bodies)
    data = form.cleaned_data if form.is_valid() else {"status": "pending"}
    today = timezone.localdate()
    decisions = selectors.decision_list(
        request.user,
        status=data.get("status", "pending"),
        body=data.get("gremium"),
        overdue_on=today if data.get("ueberfaellig") else None,
    )
    page = Paginator(decisions, 50).get_page(params.page(request.GET))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "form": form,
        "decisions": page,
        "page": page,
        "query": query.urlencode(),
        "count": page.paginator.count,
        "today": today,
        "recordable": set(access.recordable_bodies(request.user).values_list("pk", flat=True)),
        "tab": "decisions",
    }
    return render(request, "network/decision_list.html", context)
