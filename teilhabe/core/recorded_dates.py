"""How far ahead a date of something that happened may lie (issue 10, item 7).

Sessions, home visits, group dates with attendance and the end of a participation are
recorded after they took place; `TEILHABE_SESSION_DAYS_AHEAD` (default 0) allows a few
days ahead for an installation that wants it. Casework, programmes and groups all
check against `latest_day()`, so one setting moves the limit everywhere.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def latest_day() -> datetime.date:
    """The latest date a thing that happened may be recorded for."""
    return timezone.localdate() + datetime.timedelta(days=settings.SESSION_DAYS_AHEAD)


def is_ahead(day: datetime.date | None) -> bool:
    return day is not None and day > latest_day()
