"""`teilhabe report areas --stichtag TT.MM.JJJJ --format json [--published]
[--output FILE]` (shared/formats/cli.md): exit status 0, or 1 on bad arguments."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from teilhabe.core.tabular import parse_date
from teilhabe.monitoring.figures import area_figures, report
from teilhabe.monitoring.publication import published_report

FORMATS = ("json",)


def report_areas(command: BaseCommand, options: dict[str, Any]) -> None:
    problems = []
    figures = None
    try:
        day = parse_date(options["stichtag"])
    except ValueError:
        problems.append(_("Not a date (TT.MM.JJJJ): %s") % options["stichtag"])
    else:
        figures = area_figures(day)
        if figures is None:
            problems.append(_("No register extract was imported for %s.") % options["stichtag"])
    if options["format"] not in FORMATS:
        problems.append(_("Formats available: %s") % ", ".join(FORMATS))
    if problems or figures is None:
        for problem in problems:
            command.stderr.write(problem)
        sys.exit(1)
    content = published_report(day, figures) if options["published"] else report(day, figures)
    text = json.dumps(content, ensure_ascii=False, indent=2)
    if options["output"]:
        options["output"].write_text(text + "\n", encoding="utf-8")
    else:
        command.stdout.write(text)
