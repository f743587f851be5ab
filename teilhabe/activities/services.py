"""Write paths of groups and events: dates, attendance, participants."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.activities.codes import (
    COUNT_FIELDS,
    MAX_EVENT_ATTENDANCE,
    MAX_GROUP_ATTENDANCE,
    AttendanceMode,
)
from teilhabe.activities.counts import check_counts, counts_of_participants
from teilhabe.activities.models import Event, Group, GroupMeeting, Participant
from teilhabe.activities.models.attendance import Attendance
from teilhabe.core.versioning import save_versioned
from teilhabe.organisations.models import Organisation


def _check_participants(organisation_id: int, participants: Iterable[Participant]) -> None:
    if any(participant.organisation_id != organisation_id for participant in participants):
        raise ValidationError(_("Participants of another organisation cannot be recorded."))


def _apply_attendance(
    record: Attendance,
    organisation_id: int,
    day: datetime.date,
    maximum: int,
    counts: Mapping[str, int | None] | None,
    participants: list[Participant] | None,
) -> None:
    """Sets the counts of `record`: given, or derived from named participants."""
    if participants is not None:
        _check_participants(organisation_id, participants)
        record.attendance_mode = AttendanceMode.NAMED
        values: Mapping[str, int | None] = counts_of_participants(participants, day)
    else:
        record.attendance_mode = AttendanceMode.COUNTS
        values = counts or {}
    check_counts(values, maximum)
    for name in COUNT_FIELDS:
        setattr(record, name, values.get(name) if name == "total" else values.get(name) or 0)


@transaction.atomic
def record_meeting(
    group: Group,
    *,
    date: datetime.date,
    counts: Mapping[str, int | None] | None = None,
    participants: list[Participant] | None = None,
    cancelled: bool = False,
    topic: str = "",
    place: str = "",
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    version: int | None = None,
) -> GroupMeeting:
    """Records a group date with its attendance (counts, or named participants), or
    its cancellation. Recording a date again replaces its attendance; with `version`
    a concurrent change is refused (EditConflict)."""
    meeting = GroupMeeting.objects.filter(group=group, date=date).first() or GroupMeeting(
        group=group, date=date
    )
    meeting.topic, meeting.place, meeting.cancelled = topic, place, cancelled
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    if cancelled:
        counts, participants = {}, None
    _apply_attendance(
        meeting, group.organisation_id, date, MAX_GROUP_ATTENDANCE, counts, participants
    )
    if meeting.pk and version is not None:
        save_versioned(meeting, version)
    else:
        meeting.save()
    meeting.participants.set(participants or [])
    return meeting


@transaction.atomic
def record_event_attendance(
    event: Event,
    *,
    counts: Mapping[str, int | None] | None = None,
    participants: list[Participant] | None = None,
    version: int | None = None,
) -> Event:
    _apply_attendance(
        event, event.organisation_id, event.date, MAX_EVENT_ATTENDANCE, counts, participants
    )
    if version is not None:
        save_versioned(event, version)
    else:
        event.save()
    event.participants.set(participants or [])
    return event


def create_group(
    organisation: Organisation, staff_leads: Iterable[Any] = (), **fields: Any
) -> Group:
    group = Group(organisation=organisation, **fields)
    group.full_clean()
    group.save()
    group.staff_leads.set(list(staff_leads))
    return group


def create_event(organisation: Organisation, **fields: Any) -> Event:
    event = Event(organisation=organisation, **fields)
    event.full_clean(exclude=["total"])
    event.save()
    return event


def add_participant(
    organisation: Organisation, group: Group | None = None, **fields: Any
) -> Participant:
    participant = Participant(organisation=organisation, **fields)
    participant.full_clean()
    participant.save()
    if group is not None:
        group.members.add(participant)
    return participant
