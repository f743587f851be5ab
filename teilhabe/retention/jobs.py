"""Jobs of the deletion periods on the queue (django-q2): the nightly run and a run the
data-protection officer starts from the page."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from teilhabe.core.jobs import ensure_daily
from teilhabe.retention import services
from teilhabe.retention.models import RetentionRun

NIGHTLY_TASK = "teilhabe.retention.jobs.nightly_deletion"
QUEUED_TASK = "teilhabe.retention.jobs.run_queued"
# After the working day and before the nightly backup a city usually runs at 03:00.
NIGHTLY_AT = datetime.time(2, 30)


def nightly_deletion() -> str:
    """The scheduled run; skipped (not failed) while another run is under way."""
    try:
        run = services.run_now()
    except services.RunRefused:
        return "skipped: another run is under way"
    return f"run {run.pk}: {run.cases} cases, {run.persons} persons deleted"


def run_queued(run_pk: int) -> str:
    """The run started on the page (`RetentionRun` created by `services.start_run`)."""
    run = RetentionRun.objects.get(pk=run_pk)
    services.execute(run)
    return f"run {run.pk}: {run.cases} cases, {run.persons} persons deleted"


def next_night(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next NIGHTLY_AT in the installation's time zone (Europe/Berlin)."""
    local = timezone.localtime(now)
    at = local.replace(hour=NIGHTLY_AT.hour, minute=NIGHTLY_AT.minute, second=0, microsecond=0)
    return at if at > local else at + datetime.timedelta(days=1)


def ensure_schedule(**_kwargs: Any) -> None:
    """Creates the nightly schedule once, like the core's heartbeat (core/jobs.py).
    Connected to post_migrate: every installation and update migrates, and the core,
    which starts the worker, must not import the apps above it."""
    ensure_daily(NIGHTLY_TASK, "deletion periods", next_night())
