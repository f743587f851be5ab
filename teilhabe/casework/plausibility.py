"""Plausibility of what a counsellor records (issue 10, item 7): checked on the forms,
so the user sees the problem next to the field instead of a stored implausible record.

- A session needs a topic or a duration: without either it counts in no figure of the
  annual report but the number of sessions.
- A session lies between the opening of the case and today (plus
  `TEILHABE_SESSION_DAYS_AHEAD`, default 0: sessions are recorded after they happen),
  and not after the case was closed.
- A goal needs its text (the goal forms require it).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _


def session_problems(
    case: Any, date: datetime.date | None, topics: Any, duration: Any
) -> dict[str, str]:
    """Field name → message, empty when the session is plausible."""
    problems: dict[str, str] = {}
    if not topics and not duration:
        problems["topics"] = _("Choose at least one topic or enter the duration.")
    if date is None:
        return problems
    ahead = settings.SESSION_DAYS_AHEAD
    latest = timezone.localdate() + datetime.timedelta(days=ahead)
    if date < case.opened_on:
        problems["date"] = _("The case was opened on %(day)s; a session cannot lie before it.") % {
            "day": formats.date_format(case.opened_on, "d.m.Y")
        }
    elif case.closed_on and date > case.closed_on:
        problems["date"] = _("The case was closed on %(day)s; a session cannot lie after it.") % {
            "day": formats.date_format(case.closed_on, "d.m.Y")
        }
    elif date > latest:
        problems["date"] = _(
            "A session is recorded after it took place; the date lies in the future."
        )
    return problems
