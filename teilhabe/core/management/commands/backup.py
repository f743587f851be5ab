"""`teilhabe backup FILE`: a consistent backup of the whole installation.

The data of every app is written as gzip-compressed JSON with natural keys, read in
one transaction (REPEATABLE READ on PostgreSQL), so that it is consistent and loads
into an empty database of either engine (`teilhabe restore FILE`).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language

# Rebuilt by `migrate` in the target database; sessions are not worth keeping.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "django_q.ormq"]


class Command(BaseCommand):
    help = "Writes a consistent backup of the whole installation to FILE (.json.gz)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        target: Path = options["file"]
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                with gzip.open(target, "wt", encoding="utf-8") as stream:
                    call_command(
                        "dumpdata",
                        natural_foreign=True,
                        natural_primary=False,
                        exclude=EXCLUDED,
                        stdout=stream,
                    )
        except OSError as error:
            self.stderr.write(_("The backup could not be written: %s") % error)
            sys.exit(1)
        self.stdout.write(_("Backup written to %s.") % target)
