"""Deletes neighbourhood conflict entries older than `MEDIATION_CONFLICT_MONTHS`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from teilhabe.mediation import jobs


class Command(BaseCommand):
    help = "Deletes neighbourhood conflict entries after their period; the figures stay."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(jobs.purge_conflicts())
