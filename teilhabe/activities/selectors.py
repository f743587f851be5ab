"""Reads of the activities module: the calendar entries of an organisation, lists."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from teilhabe.activities.models import Event, Group, GroupMeeting
from teilhabe.activities.schedule import planned_dates
from teilhabe.organisations.models import Organisation


@dataclass(frozen=True)
class Entry:
    """One date in the calendar. Carries only what the calendar shows: no participant,
    no leader, no note (the iCal feed is read outside the application)."""

    uid: str
    kind: str  # "group" (a recorded or planned group date) or "event"
    title: str
    date: datetime.date
    end_date: datetime.date | None
    starts_at: datetime.time | None
    ends_at: datetime.time | None
    place: str
    cancelled: bool
    group_id: int | None = None
    meeting_id: int | None = None
    event_id: int | None = None
    recorded: bool = False
    url: str = ""  # a link of the app that added the entry (register_personal_entries)

    @property
    def sort_key(self) -> tuple[datetime.date, datetime.time, str]:
        return (self.date, self.starts_at or datetime.time.min, self.title)


def _group_uid(group_id: int, day: datetime.date) -> str:
    # The same uid for a planned date and the meeting recorded for it, so that a
    # subscribed calendar updates the entry instead of showing it twice.
    return f"gruppe-{group_id}-{day:%Y%m%d}"


# Dates other apps add to one user's view of an organisation's calendar and feed (the
# appointments app: the user's own appointments), so that activities imports no app
# above it. (user, organisation, start, end) -> entries; each provider decides access.
PersonalEntries = Callable[[Any, Organisation, datetime.date, datetime.date], list[Entry]]
_personal_providers: list[PersonalEntries] = []


def register_personal_entries(provider: PersonalEntries) -> PersonalEntries:
    if provider not in _personal_providers:
        _personal_providers.append(provider)
    return provider


def calendar_entries(
    organisation: Organisation, start: datetime.date, end: datetime.date, user: Any = None
) -> list[Entry]:
    """The organisation's dates; with `user`, also that user's own (personal) dates."""
    entries: list[Entry] = []
    if user is not None:
        for provider in _personal_providers:
            entries.extend(provider(user, organisation, start, end))
    meetings = GroupMeeting.objects.filter(
        group__organisation=organisation, date__gte=start, date__lte=end
    ).select_related("group")
    recorded: set[tuple[int, datetime.date]] = set()
    for meeting in meetings:
        recorded.add((meeting.group_id, meeting.date))
        entries.append(
            Entry(
                uid=_group_uid(meeting.group_id, meeting.date),
                kind="group",
                title=meeting.group.name,
                date=meeting.date,
                end_date=None,
                starts_at=meeting.starts_at or meeting.group.starts_at,
                ends_at=meeting.ends_at or meeting.group.ends_at,
                place=meeting.where,
                cancelled=meeting.cancelled,
                group_id=meeting.group_id,
                meeting_id=meeting.pk,
                recorded=meeting.attendance_recorded,
            )
        )
    weekly = Group.objects.filter(
        organisation=organisation, is_active=True, weekday__isnull=False, first_date__lte=end
    ).filter(Q(last_date__isnull=True) | Q(last_date__gte=start))
    for group in weekly:
        for day in planned_dates(group, start, end):
            if (group.pk, day) in recorded:
                continue
            entries.append(
                Entry(
                    uid=_group_uid(group.pk, day),
                    kind="group",
                    title=group.name,
                    date=day,
                    end_date=None,
                    starts_at=group.starts_at,
                    ends_at=group.ends_at,
                    place=group.place,
                    cancelled=False,
                    group_id=group.pk,
                )
            )
    events = Event.objects.filter(organisation=organisation, date__lte=end).filter(
        Q(date__gte=start) | Q(end_date__gte=start)
    )
    for event in events:
        entries.append(
            Entry(
                uid=f"veranstaltung-{event.pk}",
                kind="event",
                title=event.title,
                date=event.date,
                end_date=event.end_date,
                starts_at=event.starts_at,
                ends_at=event.ends_at,
                place=event.place,
                cancelled=event.cancelled,
                event_id=event.pk,
                recorded=event.attendance_recorded,
            )
        )
    return sorted(entries, key=lambda entry: entry.sort_key)


def entries_by_day(entries: list[Entry]) -> dict[datetime.date, list[Entry]]:
    """Entries under each day they cover (an event over several days on each)."""
    days: dict[datetime.date, list[Entry]] = {}
    for entry in entries:
        day, last = entry.date, entry.end_date or entry.date
        while day <= last:
            days.setdefault(day, []).append(entry)
            day += datetime.timedelta(days=1)
    return days


def groups_of(organisation_ids: list[int]) -> QuerySet[Group]:
    return (
        Group.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation", "service")
        .order_by("-is_active", "name")
    )


def events_of(organisation_ids: list[int], year: int | None = None) -> QuerySet[Event]:
    events = Event.objects.filter(organisation_id__in=organisation_ids).select_related(
        "organisation"
    )
    if year:
        events = events.filter(date__year=year)
    return events.order_by("-date")
