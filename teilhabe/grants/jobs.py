"""The daily job of grants on the queue (django-q2): end the written procedures whose
day for the answers has passed (`written.close_overdue`). Scheduled like the proofs'
reminders: created once after every migration."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.grants import written
from teilhabe.retention.jobs import next_night

DAILY_TASK = "teilhabe.grants.jobs.daily"


def daily() -> str:
    ended = written.close_overdue(timezone.localdate())
    return f"{ended} written procedures ended after their day for the answers"


def ensure_schedule(**_kwargs: Any) -> None:
    ensure_daily(DAILY_TASK, "written procedures past their day", next_night())
