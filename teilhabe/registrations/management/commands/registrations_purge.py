"""Deletes event registrations `REGISTRATION_KEEP_DAYS` days after the event; the
counts stay on the listing (registrations/housekeeping.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from teilhabe.registrations import housekeeping


class Command(BaseCommand):
    help = "Deletes event registrations after their period; the counts stay."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Only list the events due, delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["dry_run"]:
            due = housekeeping.due_for_deletion(today)
            self.stdout.write(f"{len(due)} events with registrations due for deletion")
            return
        deleted = housekeeping.delete_registrations(today)
        self.stdout.write(f"{deleted} registrations deleted")
