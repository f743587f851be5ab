"""`teilhabe report plan --konzept SLUG --stichtag TT.MM.JJJJ --format json|pdf|xlsx|csv
[--output FILE]` (shared/formats/plan.md): exit status 0, or 1 on bad arguments."""

from __future__ import annotations

import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from teilhabe.core.tabular import parse_date
from teilhabe.planning.models import Concept
from teilhabe.reports.plan_exports import BINARY, FORMATS, PlanReport, export_plan


def report_plan(command: BaseCommand, options: dict[str, Any]) -> None:
    concept = Concept.objects.filter(slug=options["konzept"]).first()
    problems = []
    if concept is None:
        problems.append(_("Unknown concept: %s") % options["konzept"])
    try:
        day = parse_date(options["stichtag"])
    except ValueError:
        problems.append(_("Not a date (TT.MM.JJJJ): %s") % options["stichtag"])
    if options["format"] not in FORMATS:
        problems.append(_("Formats available: %s") % ", ".join(FORMATS))
    elif options["format"] in BINARY and not options["output"]:
        problems.append(_("The format %s needs --output FILE.") % options["format"].upper())
    if problems:
        for problem in problems:
            command.stderr.write(problem)
        sys.exit(1)
    assert concept is not None
    report = PlanReport.build(concept, day)
    with translation.override(settings.LANGUAGE_CODE):  # the document, not the messages
        content = export_plan(report, options["format"])
    if options["output"]:
        options["output"].write_bytes(content)
    else:
        command.stdout.write(content.decode("utf-8"))
