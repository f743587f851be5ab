"""The nightly deletion of neighbourhood conflict entries after their period (queue
task `teilhabe.mediation.jobs.purge_conflicts`; the figures stay, see neighbourhood)."""

from __future__ import annotations

from django.utils import timezone

from teilhabe.mediation import neighbourhood

PURGE_TASK = "teilhabe.mediation.jobs.purge_conflicts"


def purge_conflicts() -> str:
    deleted = neighbourhood.purge_conflicts(timezone.localdate())
    return f"{deleted} conflict entries deleted"
