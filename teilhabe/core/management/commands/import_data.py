"""`teilhabe import KIND PATH`: the imports of shared/formats/cli.md.

Exit status 0 when stored (or, with --dry-run, storable); 1 with every error on its
own line as `file:line:column: message`, and nothing stored.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.core.imports import IMPORTERS
from teilhabe.core.tabular import Limits, TableError


class Command(BaseCommand):
    help = "Imports data: areas, casework, plan."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only, store nothing")
        parser.add_argument("--organisation", help="short name of the organisation (casework)")
        parser.add_argument("--konzept", help="short name of the concept (plan)")
        parser.add_argument("--titel", help="title of a new concept (plan)")
        parser.add_argument("--stichtag", help="reference date TT.MM.JJJJ (register)")
        parser.add_argument("--indikator", help="code of a supplied indicator (indicator)")
        parser.add_argument("--faktor", type=int, help="factor of the indicator (indicator)")

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        path: Path = options["path"]
        if not path.exists():
            raise CommandError(_("%s does not exist.") % path)
        try:
            summary = IMPORTERS[options["kind"]](path, options)
        except TableError as error:
            # The first IMPORT_MAX_PROBLEMS problems, then how many more (a file of
            # errors must not print 600,000 lines).
            limit = Limits.from_settings().problems
            for problem in error.problems[:limit]:
                self.stderr.write(str(problem))
            more = error.more + max(len(error.problems) - limit, 0)
            if more:
                self.stderr.write(_("… and %(count)s more problems, not listed.") % {"count": more})
            self.stderr.write(_("Nothing was stored."))
            sys.exit(1)
        if options["dry_run"]:
            summary = _("Dry run, nothing stored: %s") % summary
        self.stdout.write(summary)
