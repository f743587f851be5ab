"""`teilhabe report annual --organisation SLUG --dienst MBE[,IKB] --jahr J --format json|csv`
(shared/formats/cli.md). PDF and XLSX follow with the report module's page."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports.exports import as_csv, as_json
from teilhabe.reports.figures import Scope, annual_figures

FORMATS = {"json": as_json, "csv": as_csv}


class Command(BaseCommand):
    help = "Reports: the annual report of a service (JSON with the keys of annual-report.md, CSV)."

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        annual = kinds.add_parser("annual", help="the annual report of one or more services")
        annual.add_argument("--organisation", required=True)
        annual.add_argument("--dienst", required=True, help="e.g. MBE or MBE,IKB")
        annual.add_argument("--jahr", type=int, required=True)
        annual.add_argument("--format", default="json")
        annual.add_argument("--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        organisation = Organisation.objects.filter(slug=options["organisation"]).first()
        services = tuple(
            code.strip().upper() for code in options["dienst"].split(",") if code.strip()
        )
        problems = []
        if organisation is None:
            problems.append(_("Unknown organisation: %s") % options["organisation"])
        unknown = set(services) - set(Service.objects.values_list("code", flat=True))
        if not services or unknown:
            problems.append(_("Unknown services: %s") % ", ".join(sorted(unknown) or ["–"]))
        if options["format"] not in FORMATS:
            problems.append(_("Formats available: %s") % ", ".join(FORMATS))
        if not 1990 <= options["jahr"] <= 2100:
            problems.append(_("Not a year: %s") % options["jahr"])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            sys.exit(1)
        assert organisation is not None
        figures = annual_figures(Scope((organisation.pk,), services), options["jahr"])
        text = FORMATS[options["format"]](figures)
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text)
