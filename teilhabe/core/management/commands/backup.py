"""`teilhabe backup FILE`: a consistent backup of the whole installation.

The data of every app is written as gzip-compressed JSON with natural keys, read in
one transaction (REPEATABLE READ on PostgreSQL), so that it is consistent and loads
into an empty database of either engine (`teilhabe restore FILE`). Times keep their
microseconds (`core/backup_format.py`): the audit log comes back as it was.
"""

from __future__ import annotations

import gzip
import os
import sys
from pathlib import Path
from typing import Any

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection, transaction
from django.utils.translation import gettext as _

from teilhabe.core import backup_format
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
        serializers.register_serializer(backup_format.NAME, backup_format.__name__)
        # Written under another name first: a backup that fails or is killed half-way
        # leaves no truncated file under the name, nor over an earlier backup of it.
        partial = target.with_name(f".{target.name}.partial")
        try:
            with transaction.atomic():
                if connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                with gzip.open(partial, "wt", encoding="utf-8") as stream:
                    call_command(
                        "dumpdata",
                        format=backup_format.NAME,
                        natural_foreign=True,
                        natural_primary=False,
                        exclude=EXCLUDED,
                        stdout=stream,
                    )
            with partial.open("rb") as written:
                os.fsync(written.fileno())
            os.replace(partial, target)
        except OSError as error:
            self.stderr.write(_("The backup could not be written: %s") % error)
            sys.exit(1)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(_("Backup written to %s.") % target)
