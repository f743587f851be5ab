"""`teilhabe restore FILE`: loads a backup of `teilhabe backup` into an empty database.

The audit log is restored from the backup as it was; loading must not add to it (the
audit receivers would otherwise record every loaded row and many-to-many link as new,
with the time of the restore). `loaddata` sets PostgreSQL's id sequences past the
restored ids (many-to-many links are inserted anew and take theirs from the sequence)."""

from __future__ import annotations

import gzip
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.organisations.models import Organisation


class Command(BaseCommand):
    help = "Restores a backup (teilhabe backup) into an empty, migrated database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        source: Path = options["file"]
        if not source.exists():
            self.stderr.write(_("%s does not exist.") % source)
            sys.exit(1)
        call_command("migrate", verbosity=0)
        if Organisation.objects.exists() or get_user_model().objects.exists():
            self.stderr.write(_("The database is not empty; restore only into an empty one."))
            sys.exit(1)
        with tempfile.TemporaryDirectory() as folder:
            plain = Path(folder) / "backup.json"
            try:
                with gzip.open(source, "rb") as packed, plain.open("wb") as unpacked:
                    shutil.copyfileobj(packed, unpacked)
            except (OSError, EOFError) as error:
                self.stderr.write(_("Not a backup of Teilhabe: %s") % error)
                sys.exit(1)
            with transaction.atomic(), disable_auditlog():
                # The service catalogue of the migration is replaced by the backup's.
                from teilhabe.organisations.models import Service

                Service.objects.all().delete()
                call_command("loaddata", str(plain), verbosity=0)
        self.stdout.write(_("Backup %s restored.") % source)
