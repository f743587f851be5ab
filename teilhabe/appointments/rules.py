"""Plausibility of appointments and reminders (issue 10, item 7): checked on the forms,
so the user sees the problem next to the field.

- An appointment ends after it starts, on the same day.
- It lies between the opening of the case and its closing (a closed case gets no new
  appointment), and at most `DAYS_AHEAD` days ahead: a home visit in two years' time
  is a typing error, not a plan.
- A reminder lies after the opening of the case and at most `REMINDER_DAYS_AHEAD` ahead.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _

DAYS_AHEAD = 366
REMINDER_DAYS_AHEAD = 2 * 366


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "d.m.Y")


def _case_dates(case: Any, day: datetime.date, ahead: int) -> str | None:
    if day < case.opened_on:
        return _("The case was opened on %(day)s; the date cannot lie before it.") % {
            "day": _day(case.opened_on)
        }
    if case.closed_on and day > case.closed_on:
        return _("The case was closed on %(day)s; the date cannot lie after it.") % {
            "day": _day(case.closed_on)
        }
    latest = timezone.localdate() + datetime.timedelta(days=ahead)
    if day > latest:
        return _(
            "The date lies more than %(days)s days ahead (after %(day)s): please check it."
        ) % {
            "days": ahead,
            "day": _day(latest),
        }
    return None


def appointment_problems(
    case: Any,
    day: datetime.date | None,
    starts_at: datetime.time | None,
    ends_at: datetime.time | None,
) -> dict[str, str]:
    """Field name -> message; empty when the appointment is plausible."""
    problems: dict[str, str] = {}
    if starts_at is not None and ends_at is not None and ends_at <= starts_at:
        problems["ends_at"] = _("The appointment must end after it starts.")
    if day is not None and (problem := _case_dates(case, day, DAYS_AHEAD)):
        problems["date"] = problem
    return problems


def reminder_problems(case: Any, day: datetime.date | None) -> dict[str, str]:
    if day is not None and (problem := _case_dates(case, day, REMINDER_DAYS_AHEAD)):
        return {"due_on": problem}
    return {}
