"""The nightly deletion of neighbourhood conflict entries after their period (queue
task `teilhabe.mediation.jobs.purge_conflicts`; the figures stay, see neighbourhood)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.mediation import neighbourhood

PURGE_TASK = "teilhabe.mediation.jobs.purge_conflicts"


def purge_conflicts() -> str:
    deleted = neighbourhood.purge_conflicts(timezone.localdate())
    return f"{deleted} conflict entries deleted"


def ensure_schedule(**_kwargs: Any) -> None:
    """Creates the nightly purge once, after every migration (like retention/jobs.py):
    the core, which starts the worker, must not import the apps above it."""
    from django_q.models import Schedule

    from teilhabe.retention.jobs import next_night

    Schedule.objects.get_or_create(
        func=PURGE_TASK,
        defaults={
            "name": "neighbourhood conflict entries",
            "schedule_type": Schedule.DAILY,
            "next_run": next_night(),
        },
    )
