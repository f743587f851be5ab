"""The daily job of proofs of use on the queue (django-q2): open the proof of every new
grant and mail the reminders due today (`reminders.py`). Scheduled like mediation's
nightly purge: created once after every migration."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.proofs import reminders, services
from teilhabe.retention.jobs import next_night

DAILY_TASK = "teilhabe.proofs.jobs.daily"


def daily() -> str:
    opened = services.open_missing()
    sent = reminders.send_due(timezone.localdate())
    return f"{opened} proofs opened, {sent} reminders sent"


def ensure_schedule(**_kwargs: Any) -> None:
    ensure_daily(DAILY_TASK, "proof of use reminders", next_night())
