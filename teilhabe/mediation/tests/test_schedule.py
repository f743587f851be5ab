"""The nightly purge of neighbourhood conflict entries is scheduled by every migration,
once (the deletion period is only kept if the job runs)."""

from __future__ import annotations

import pytest
from django_q.models import Schedule

from teilhabe.mediation import jobs

pytestmark = pytest.mark.django_db


def test_the_purge_is_scheduled_once_after_migrating() -> None:
    assert Schedule.objects.filter(func=jobs.PURGE_TASK).count() == 1
    jobs.ensure_schedule()
    schedule = Schedule.objects.get(func=jobs.PURGE_TASK)
    assert schedule.schedule_type == Schedule.DAILY
