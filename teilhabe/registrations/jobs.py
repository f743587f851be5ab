"""The daily job of event registrations on the queue (django-q2): reminders for
tomorrow's events and the deletion after the period (`housekeeping.py`). Created once
after every migration, like the proofs' and mediation's jobs; it runs in the morning
so that the reminder arrives during the day before the event."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.registrations import housekeeping

DAILY_TASK = "teilhabe.registrations.jobs.daily"
DAILY_AT = datetime.time(9, 0)


def daily() -> str:
    today = timezone.localdate()
    sent = housekeeping.send_reminders(today)
    deleted = housekeeping.delete_registrations(today)
    return f"{sent} reminders sent, {deleted} registrations deleted"


def next_morning(now: datetime.datetime | None = None) -> datetime.datetime:
    local = timezone.localtime(now)
    at = local.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def ensure_schedule(**_kwargs: Any) -> None:
    ensure_daily(DAILY_TASK, "event registrations: reminders and deletion", next_morning())
