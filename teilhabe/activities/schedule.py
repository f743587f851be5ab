"""Dates of a weekly group, and the weeks of a calendar month."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterator

from teilhabe.activities.models import Group

WEEK = datetime.timedelta(days=7)


def planned_dates(
    group: Group, start: datetime.date, end: datetime.date
) -> Iterator[datetime.date]:
    """The group's weekday between `start` and `end` (both included), within the
    group's first and last date."""
    if group.weekday is None or group.first_date is None:
        return
    first = max(start, group.first_date)
    last = min(end, group.last_date) if group.last_date else end
    day = first + datetime.timedelta(days=(group.weekday - first.weekday()) % 7)
    while day <= last:
        yield day
        day += WEEK


def month_bounds(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def month_weeks(year: int, month: int) -> list[list[datetime.date]]:
    """The weeks (Monday to Sunday) that the month touches, with the days around it."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + by
    return index // 12, index % 12 + 1
