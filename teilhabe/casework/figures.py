"""Casework figures other apps read without touching casework's models: the plan's
indicators (planning/indicator_values.py) count sessions here, so the rule for which
sessions count stays in casework (`Session.objects.counted()`: cancelled ones never)."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from teilhabe.casework.models import Session


def sessions_in_areas(area_ids: Collection[int] | None, year: int) -> int:
    """Counselling sessions of `year` that count, across all organisations and services,
    of clients whose district of residence is one of `area_ids` (the caller includes the
    areas below); `None`: every session of the year, wherever the client lives."""
    sessions = Session.objects.counted().filter(
        date__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31))
    )
    if area_ids is not None:
        sessions = sessions.filter(case__client__district_id__in=list(area_ids))
    return sessions.count()
