"""`teilhabe worker`: the job queue worker and scheduler (django-q2 cluster)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from teilhabe.core.jobs import ensure_schedules, recover_interrupted


class Command(BaseCommand):
    help = "Runs the job worker and the scheduler of periodic jobs."

    def handle(self, *args: Any, **options: Any) -> None:
        ensure_schedules()
        recover_interrupted(at_startup=True)
        call_command("qcluster")
