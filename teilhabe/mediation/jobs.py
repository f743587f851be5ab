"""The nightly deletion of neighbourhood conflict entries after their period (queue
task `teilhabe.mediation.jobs.purge_conflicts`; the figures stay, see neighbourhood)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.mediation import neighbourhood
from teilhabe.retention.jobs import next_night

PURGE_TASK = "teilhabe.mediation.jobs.purge_conflicts"


def purge_conflicts() -> str:
    deleted = neighbourhood.purge_conflicts(timezone.localdate())
    return f"{deleted} conflict entries deleted"


def ensure_schedule(**_kwargs: Any) -> None:
    """Creates the nightly purge once, after every migration (like retention/jobs.py):
    the core, which starts the worker, must not import the apps above it."""
    ensure_daily(PURGE_TASK, "neighbourhood conflict entries", next_night())
