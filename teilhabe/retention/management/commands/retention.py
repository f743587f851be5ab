"""`teilhabe retention [--dry-run] [--datum TT.MM.JJJJ]`: deletes closed cases whose
deletion period has run out (docs/privacy.md), or with --dry-run lists what it would
delete. Prints counts, never names."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.retention import selectors, services


def _day(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%d.%m.%Y").date()
    except ValueError as error:
        raise CommandError(_("Not a date (TT.MM.JJJJ): %s") % value) from error


class Command(BaseCommand):
    help = "Deletes closed cases whose deletion period has run out (--dry-run: only lists)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="delete nothing, only count")
        parser.add_argument(
            "--datum", help="measure the periods against this day (TT.MM.JJJJ), default today"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        today = _day(options["datum"]) if options["datum"] else timezone.localdate()
        if options["dry_run"]:
            planned = selectors.plan(today)
            for row in planned.per_service():
                self.stdout.write(f"{row['organisation']};{row['service']};{row['cases']}")
            self.stdout.write(
                _("Would delete: %(cases)s cases, %(persons)s persons, %(households)s households")
                % {
                    "cases": len(planned.cases),
                    "persons": len(planned.persons),
                    "households": len(planned.households),
                }
            )
            self.stdout.write(_("Due but waiting: %s cases") % len(planned.waiting))
            return
        try:
            run = services.run_now(today)
        except services.RunRefused as refused:
            raise CommandError(_("A deletion run is already under way.")) from refused
        for row in run.per_service:
            self.stdout.write(f"{row['organisation']};{row['service']};{row['cases']}")
        self.stdout.write(
            _("Deleted: %(cases)s cases, %(persons)s persons, %(households)s households")
            % {"cases": run.cases, "persons": run.persons, "households": run.households}
        )
        self.stdout.write(_("Due but waiting: %s cases") % run.waiting)
