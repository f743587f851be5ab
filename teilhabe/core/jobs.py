"""Jobs of the core app that run on the queue (django-q2)."""

from __future__ import annotations

import socket

from django.utils import timezone

from teilhabe.core.models import WorkerHeartbeat

HEARTBEAT_TASK = "teilhabe.core.jobs.heartbeat"
STATISTICS_TASK = "teilhabe.core.db.refresh_statistics"


def heartbeat() -> str:
    name = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
    return name


def ensure_schedules() -> None:
    """Creates the periodic jobs once; called whenever the worker starts."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        func=HEARTBEAT_TASK,
        defaults={"name": "heartbeat", "schedule_type": Schedule.MINUTES, "minutes": 1},
    )
    Schedule.objects.get_or_create(
        func=STATISTICS_TASK,
        defaults={"name": "planner statistics", "schedule_type": Schedule.DAILY},
    )
