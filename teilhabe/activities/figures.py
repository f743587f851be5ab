"""Figures of groups, events and volunteers for the activity report of one
organisation and year, with the previous year beside them.

Definitions (each has a hand-computed test in tests/test_figures.py):

- group dates: recorded dates of the group in the year that were not cancelled;
- participants of a group: the sum of the attendance of those dates (a person who comes
  every week counts every week, as the seed report counts "Teilnahmen"); the counts by
  gender and age band are summed the same way; `persons` is the number of different
  named participants, for groups that record by name;
- events: those on a day of the year (first day), not cancelled, with their attendance;
- volunteers: different volunteers with an engagement that overlaps the year
  (anonymised volunteers still count); per task area the different volunteers with an
  engagement in it; hours: all hours recorded on a day or month of the year.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from teilhabe.activities.codes import AGE_FIELDS, GENDER_FIELDS
from teilhabe.activities.models import Engagement, Event, GroupMeeting, HoursEntry
from teilhabe.organisations.models import Organisation

BREAKDOWN = (*GENDER_FIELDS, *AGE_FIELDS)


@dataclass(frozen=True)
class GroupFigures:
    id: int
    name: str
    dates: int
    cancelled: int
    participants: int
    persons: int | None
    breakdown: dict[str, int]


@dataclass(frozen=True)
class EventRow:
    id: int
    date: datetime.date
    end_date: datetime.date | None
    title: str
    kind: str
    place: str
    participants: int | None
    partners: str
    funding_source: str


@dataclass(frozen=True)
class TaskAreaFigures:
    name: str
    volunteers: int
    hours: Decimal


@dataclass(frozen=True)
class VolunteerFigures:
    volunteers: int
    group_leads: int
    hours: Decimal
    by_task_area: list[TaskAreaFigures]


@dataclass(frozen=True)
class ActivityFigures:
    organisation: str
    year: int
    groups: list[GroupFigures]
    group_dates: int
    group_participants: int
    events: list[EventRow]
    event_participants: int
    volunteers: VolunteerFigures


@dataclass(frozen=True)
class ActivityReport:
    current: ActivityFigures
    previous: ActivityFigures


def _groups(organisation: Organisation, year: int) -> list[GroupFigures]:
    meetings = GroupMeeting.objects.filter(group__organisation=organisation, date__year=year)
    held = Q(cancelled=False)
    rows = (
        meetings.values("group_id", "group__name")
        .annotate(
            dates=Count("pk", filter=held),
            cancelled_dates=Count("pk", filter=Q(cancelled=True)),
            participants=Sum("total", filter=held, default=0),
            named=Count("pk", filter=held & Q(attendance_mode="named")),
            **{name + "_sum": Sum(name, filter=held, default=0) for name in BREAKDOWN},
        )
        .order_by("group__name", "group_id")
    )
    # Counted apart: a join with the participants would multiply the sums above.
    through = GroupMeeting.participants.through.objects.filter(
        groupmeeting__in=meetings.filter(held)
    )
    persons = {
        row["groupmeeting__group_id"]: row["n"]
        for row in through.values("groupmeeting__group_id").annotate(
            n=Count("participant_id", distinct=True)
        )
    }
    return [
        GroupFigures(
            id=row["group_id"],
            name=row["group__name"],
            dates=row["dates"],
            cancelled=row["cancelled_dates"],
            participants=row["participants"],
            persons=persons.get(row["group_id"], 0) if row["named"] else None,
            breakdown={name: row[name + "_sum"] for name in BREAKDOWN},
        )
        for row in rows
    ]


def _events(organisation: Organisation, year: int) -> list[EventRow]:
    events = Event.objects.filter(organisation=organisation, date__year=year, cancelled=False)
    return [
        EventRow(
            id=event.pk,
            date=event.date,
            end_date=event.end_date,
            title=event.title,
            kind=event.kind,  # the code (EventKind); the report adds the label
            place=event.place,
            participants=event.total,
            partners=event.partners,
            funding_source=event.funding_source,
        )
        for event in events.order_by("date", "title")
    ]


def _engagements_in(organisation: Organisation, year: int) -> QuerySet[Engagement]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Engagement.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first),
        volunteer__organisation=organisation,
        starts_on__lte=last,
    )


def _volunteers(organisation: Organisation, year: int) -> VolunteerFigures:
    engagements = _engagements_in(organisation, year)
    hours = HoursEntry.objects.filter(
        engagement__volunteer__organisation=organisation, date__year=year
    )
    per_area_hours = {
        row["engagement__task_area__name"]: row["hours"]
        for row in hours.values("engagement__task_area__name").annotate(hours=Sum("hours"))
    }
    per_area = (
        engagements.values("task_area__name")
        .annotate(volunteers=Count("volunteer", distinct=True))
        .order_by("task_area__name")
    )
    names = {row["task_area__name"] for row in per_area} | set(per_area_hours)
    counts = {row["task_area__name"]: row["volunteers"] for row in per_area}
    return VolunteerFigures(
        volunteers=engagements.values("volunteer").distinct().count(),
        group_leads=engagements.filter(leads_group=True).values("volunteer").distinct().count(),
        hours=hours.aggregate(total=Sum("hours"))["total"] or Decimal(0),
        by_task_area=[
            TaskAreaFigures(
                name=name,
                volunteers=counts.get(name, 0),
                hours=per_area_hours.get(name) or Decimal(0),
            )
            for name in sorted(names)
        ],
    )


def activity_figures(organisation: Organisation, year: int) -> ActivityFigures:
    groups = _groups(organisation, year)
    events = _events(organisation, year)
    return ActivityFigures(
        organisation=organisation.name,
        year=year,
        groups=groups,
        group_dates=sum(group.dates for group in groups),
        group_participants=sum(group.participants for group in groups),
        events=events,
        event_participants=sum(event.participants or 0 for event in events),
        volunteers=_volunteers(organisation, year),
    )


def activity_report(organisation: Organisation, year: int) -> ActivityReport:
    """The year and the year before, for the comparison columns of the report."""
    return ActivityReport(
        current=activity_figures(organisation, year),
        previous=activity_figures(organisation, year - 1),
    )


def as_json(figures: ActivityFigures | ActivityReport) -> dict[str, Any]:
    """Plain types for JSON: dates in ISO format, hours as strings (exact decimals,
    without trailing zeros)."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            # Normalised: PostgreSQL sums to 7.50, SQLite to 7.5; the JSON says "7.5".
            return format(value.normalize(), "f")
        return value

    result: dict[str, Any] = plain(asdict(figures))
    return result
