"""The daily job of intercultural opening on the queue (django-q2): the reminders before
certificates run out (`reminders.py`) and the deletion periods (`housekeeping.py`).
Scheduled like the proofs' daily job: created once after every migration."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.opening import housekeeping, reminders
from teilhabe.retention.jobs import next_night

DAILY_TASK = "teilhabe.opening.jobs.daily"


def daily() -> str:
    today = timezone.localdate()
    sent = reminders.send_due(today)
    deleted = housekeeping.delete_old_evidence(today)
    closed = housekeeping.close_idle_contacts(today)
    return (
        f"{sent} certificate reminders sent, {deleted} evidence items deleted, "
        f"{closed} idle contact sign-ins closed"
    )


def ensure_schedule(**_kwargs: Any) -> None:
    ensure_daily(DAILY_TASK, "certificate reminders (intercultural opening)", next_night())
