"""The daily job of proofs of use on the queue (django-q2): open the proof of every new
grant and mail the reminders due today (`reminders.py`). Scheduled like mediation's
nightly purge: created once after every migration."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.proofs import reminders, services

DAILY_TASK = "teilhabe.proofs.jobs.daily"


def daily() -> str:
    opened = services.open_missing()
    sent = reminders.send_due(timezone.localdate())
    return f"{opened} proofs opened, {sent} reminders sent"


def ensure_schedule(**_kwargs: Any) -> None:
    from django_q.models import Schedule

    from teilhabe.retention.jobs import next_night

    Schedule.objects.get_or_create(
        func=DAILY_TASK,
        defaults={
            "name": "proof of use reminders",
            "schedule_type": Schedule.DAILY,
            "next_run": next_night(),
        },
    )
