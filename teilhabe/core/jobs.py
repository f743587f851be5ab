"""Jobs of the core app that run on the queue (django-q2)."""

from __future__ import annotations

import datetime
import logging
import socket
from collections.abc import Callable

from django.utils import timezone

from teilhabe.core.models import WorkerHeartbeat

HEARTBEAT_TASK = "teilhabe.core.jobs.heartbeat"
STATISTICS_TASK = "teilhabe.core.db.refresh_statistics"
log = logging.getLogger(__name__)

# Functions that end the runs of jobs whose worker died (kill -9, out of memory), each
# called with at_startup; apps register theirs in AppConfig.ready, so that core knows
# no app above it.
Recovery = Callable[[bool], int]
RECOVERIES: list[Recovery] = []


def register_recovery(recovery: Recovery) -> None:
    if recovery not in RECOVERIES:
        RECOVERIES.append(recovery)


def recover_interrupted(at_startup: bool = False) -> int:
    """Marks the runs of dead workers as failed; the worker calls it when it starts,
    the heartbeat every minute."""
    failed = 0
    for recovery in RECOVERIES:
        try:
            failed += recovery(at_startup)
        except Exception:  # one app's recovery must not stop the heartbeat
            log.exception("recovery of interrupted jobs failed")
    return failed


def heartbeat() -> str:
    name = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"seen_at": timezone.now()})
    recover_interrupted()
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


def ensure_daily(func: str, name: str, first_run: datetime.datetime) -> None:
    """An app's daily job, scheduled once: called from the app's post_migrate (every
    installation and update migrates), so that the core, which starts the worker, need
    not know the apps above it. An existing schedule is left as the operator set it."""
    from django_q.models import Schedule

    Schedule.objects.get_or_create(
        func=func,
        defaults={"name": name, "schedule_type": Schedule.DAILY, "next_run": first_run},
    )
