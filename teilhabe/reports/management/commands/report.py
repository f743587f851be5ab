"""`teilhabe report annual --organisation SLUG --dienst MBE[,IKB] --jahr J
--format json|csv|pdf|xlsx [--output FILE]` (shared/formats/cli.md). PDF and XLSX are
binary and need --output; they are written in the installation's language."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core.cli_support import activate_cli_language
from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports.exports import export
from teilhabe.reports.presentation import annual_report

FORMATS = ("json", "csv", "pdf", "xlsx")
BINARY = ("pdf", "xlsx")


class Command(BaseCommand):
    help = (
        "Reports: the annual report of a service "
        "(JSON with the keys of annual-report.md, CSV, PDF, XLSX)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        annual = kinds.add_parser("annual", help="the annual report of one or more services")
        annual.add_argument("--organisation", required=True)
        annual.add_argument("--dienst", required=True, help="e.g. MBE or MBE,IKB")
        annual.add_argument("--jahr", type=int, required=True)
        annual.add_argument("--format", default="json")
        annual.add_argument("--output", type=Path)
        plan = kinds.add_parser("plan", help="the plan report of a concept on a date (plan.md)")
        plan.add_argument("--konzept", required=True)
        plan.add_argument("--stichtag", required=True, help="TT.MM.JJJJ")
        plan.add_argument("--format", default="json")
        plan.add_argument("--output", type=Path)
        areas = kinds.add_parser("areas", help="residents by area (register-extract.md)")
        areas.add_argument("--stichtag", required=True, help="TT.MM.JJJJ")
        areas.add_argument("--format", default="json")
        areas.add_argument("--published", action="store_true", help="small numbers protected")
        areas.add_argument("--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        activate_cli_language()
        if options["kind"] == "plan":
            from teilhabe.reports.plan_command import report_plan

            report_plan(self, options)
            return
        if options["kind"] == "areas":
            from teilhabe.monitoring.command import report_areas

            report_areas(self, options)
            return
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
        elif options["format"] in BINARY and not options["output"]:
            problems.append(_("The format %s needs --output FILE.") % options["format"].upper())
        if not 1990 <= options["jahr"] <= 2100:
            problems.append(_("Not a year: %s") % options["jahr"])
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            sys.exit(1)
        assert organisation is not None
        chosen = sorted(Service.objects.filter(code__in=services), key=lambda s: s.code)
        report = annual_report([organisation], chosen, options["jahr"])
        with translation.override(settings.LANGUAGE_CODE):  # the document, not the messages
            content = export(report, options["format"])
        if options["output"]:
            options["output"].write_bytes(content)
        else:
            self.stdout.write(content.decode("utf-8"))
