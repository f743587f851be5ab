"""`teilhabe import KIND PATH`: the imports of shared/formats/cli.md.

Each kind is a subcommand; the modules add theirs (casework, register) to KINDS.
Exit status 0 when stored (or, with --dry-run, storable); 1 with every error on its
own line as `file:line:column: message`, and nothing stored.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.core.tabular import TableError
from teilhabe.organisations.area_import import import_areas


def _areas(path: Path, options: dict[str, Any]) -> str:
    result = import_areas(path, dry_run=options["dry_run"])
    return _("%(created)s areas created, %(updated)s updated.") % {
        "created": result.created,
        "updated": result.updated,
    }


KINDS: dict[str, Callable[[Path, dict[str, Any]], str]] = {"areas": _areas}


class Command(BaseCommand):
    help = "Imports data: areas (CSV code;name;uebergeordnet, or GeoJSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(_("%s does not exist.") % path)
        try:
            summary = KINDS[options["kind"]](path, options)
        except TableError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            self.stderr.write(_("Nothing was stored."))
            sys.exit(1)
        if options["dry_run"]:
            summary = _("Dry run, nothing stored: %s") % summary
        self.stdout.write(summary)
