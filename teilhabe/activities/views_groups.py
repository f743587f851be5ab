"""Pages of groups: list, group page with its dates, group form, recording a date."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.activities import selectors, services
from teilhabe.activities.access import (
    CALENDAR_ROLES,
    GROUP_ROLES,
    organisation_ids,
    organisations_for,
    scoped_or_404,
)
from teilhabe.activities.codes import COUNT_FIELDS, MAX_GROUP_ATTENDANCE, AttendanceMode
from teilhabe.activities.forms import GroupForm, MeetingForm, ParticipantForm
from teilhabe.activities.models import Group, GroupMeeting
from teilhabe.activities.schedule import planned_dates
from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_offered, log_reads
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict, save_versioned

manage_groups = requires("activities.manage_groups")


def _group(request: HttpRequest, pk: int) -> Group:
    return scoped_or_404(
        Group.objects.select_related("organisation"), request.user, GROUP_ROLES, pk=pk
    )


@manage_groups
def group_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.groups_of(organisation_ids(request.user, GROUP_ROLES))
    return render(request, "activities/group_list.html", {"groups": groups})


@manage_groups
def group_create(request: HttpRequest) -> HttpResponse:
    organisations = organisations_for(request.user, GROUP_ROLES)
    form = GroupForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        group: Group = form.save(commit=False)
        group.organisation = form.cleaned_data.get("organisation") or organisations.get()
        group.save()
        form.save_m2m()
        messages.success(request, _("Group created."))
        return redirect("activities:group_detail", pk=group.pk)
    return render(request, "activities/group_form.html", {"form": form})


@manage_groups
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    organisations = organisations_for(request.user, GROUP_ROLES)
    form = GroupForm(request.POST or None, instance=group, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        # save(commit=False) is what gives the form its save_m2m; the leads are stored in
        # the same transaction as the versioned row, so a conflict leaves both unchanged.
        changed: Group = form.save(commit=False)
        try:
            with transaction.atomic():
                save_versioned(changed, form.cleaned_data["version"] or 0)
                form.save_m2m()
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Saved."))
            return redirect("activities:group_detail", pk=group.pk)
    return render(request, "activities/group_form.html", {"form": form, "group": group})


def _upcoming(group: Group, recorded: set[datetime.date]) -> list[datetime.date]:
    """Planned dates of a weekly group from four weeks back to four weeks ahead that
    nobody has recorded yet."""
    today = timezone.localdate()
    window = planned_dates(
        group, today - datetime.timedelta(days=28), today + datetime.timedelta(days=28)
    )
    return [day for day in window if day not in recorded]


@requires("activities.view_groups")
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everybody who sees the group in the calendar reads its page; participants' and
    volunteers' names and the recording links only those who manage the group."""
    user: Any = request.user
    group = scoped_or_404(Group.objects.select_related("organisation"), user, CALENDAR_ROLES, pk=pk)
    can_manage = user.has_perm("activities.manage_groups") and group.organisation_id in (
        organisation_ids(user, GROUP_ROLES)
    )
    years = [day.year for day in group.meetings.dates("date", "year", order="DESC")]
    year = params.year(request.GET, default=timezone.localdate().year)
    meetings = list(group.meetings.filter(date__year=year).order_by("-date"))
    held = [meeting for meeting in meetings if not meeting.cancelled]
    members, volunteer_leads = [], []
    if can_manage:
        members = list(group.members.all())
        volunteer_leads = list(
            group.volunteer_engagements.filter(leads_group=True)
            .filter(volunteer__anonymised_at__isnull=True)
            .select_related("volunteer")
        )
        log_reads(request, members, "group")  # the page names the group's participants
        log_reads(request, [lead.volunteer for lead in volunteer_leads], "group")
    recent = set(
        group.meetings.filter(
            date__gte=timezone.localdate() - datetime.timedelta(days=28)
        ).values_list("date", flat=True)
    )
    context = {
        "group": group,
        "meetings": meetings,
        "year": year,
        "years": sorted({*years, timezone.localdate().year}, reverse=True),
        "held": len(held),
        "attendance": sum(meeting.total or 0 for meeting in held),
        "planned": _upcoming(group, recent),
        "members": members,
        "staff_leads": group.staff_leads.all(),
        "volunteer_leads": volunteer_leads,
        "participant_form": ParticipantForm(),
        "today": timezone.localdate(),
        "can_manage": can_manage,
    }
    return render(request, "activities/group_detail.html", context)


def _meeting_form(group: Group, data: Any = None, **kwargs: Any) -> MeetingForm:
    return MeetingForm(
        data,
        named=group.attendance_mode == AttendanceMode.NAMED,
        maximum=MAX_GROUP_ATTENDANCE,
        choices=group.members.all(),
        group=group,
        **kwargs,
    )


def _save_meeting(group: Group, form: MeetingForm, version: int | None) -> GroupMeeting | None:
    data = form.cleaned_data
    named = "participants" in form.fields
    try:
        return services.record_meeting(
            group,
            date=data["date"],
            counts=None if named else form.counts(),
            participants=list(data["participants"]) if named else None,
            cancelled=data["cancelled"],
            topic=data["topic"],
            place=data["place"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            version=version,
        )
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
    return None


@manage_groups
def meeting_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    day = params.date(request.GET, "datum", default=timezone.localdate())
    form = _meeting_form(
        group,
        request.POST or None,
        initial={"date": day, "starts_at": group.starts_at, "ends_at": group.ends_at},
    )
    if request.method == "POST" and form.is_valid():
        if group.meetings.filter(date=form.cleaned_data["date"]).exists():
            form.add_error("date", _("This date is already recorded; open it from the group page."))
        elif _save_meeting(group, form, None):
            messages.success(request, _("Group date recorded."))
            return redirect("activities:group_detail", pk=group.pk)
    log_offered(request, form, "participants", "group-meeting")
    status = 400 if form.errors else 200
    context = {"group": group, "form": form}
    return render(request, "activities/meeting_form.html", context, status=status)


@manage_groups
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = (
        GroupMeeting.objects.select_related("group__organisation")
        .filter(pk=pk, group__organisation_id__in=organisation_ids(request.user, GROUP_ROLES))
        .first()
    )
    if meeting is None:
        raise Http404
    group = meeting.group
    initial = {
        "date": meeting.date,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "topic": meeting.topic,
        "place": meeting.place,
        "cancelled": meeting.cancelled,
        "version": meeting.version,
        "participants": list(meeting.participants.values_list("pk", flat=True)),
        **{name: getattr(meeting, name) for name in COUNT_FIELDS},
    }
    form = _meeting_form(group, request.POST or None, initial=initial)
    form.fields["date"].disabled = True
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"] or 0
        if _save_meeting(group, form, version):
            messages.success(request, _("Saved."))
            return redirect("activities:group_detail", pk=group.pk)
    log_offered(request, form, "participants", "group-meeting")
    status = 400 if form.errors else 200
    context = {"group": group, "form": form, "meeting": meeting}
    return render(request, "activities/meeting_form.html", context, status=status)


@manage_groups
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(request, pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        services.add_participant(group.organisation, group=group, **form.cleaned_data)
        messages.success(request, _("Participant added."))
    else:
        messages.error(
            request,
            _(
                "The participant was not added: please enter at least a first name "
                "and a valid year of birth."
            ),
        )
    return redirect("activities:group_detail", pk=group.pk)
