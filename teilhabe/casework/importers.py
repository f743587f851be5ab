from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from teilhabe.casework.importer.service import import_casework
from teilhabe.core.cli_support import terminal_progress
from teilhabe.organisations.models import Organisation


def casework(path: Path, options: dict[str, Any]) -> str:
    slug = options.get("organisation")
    organisation = Organisation.objects.filter(slug=slug).first() if slug else None
    if organisation is None:
        raise CommandError(_("Name an existing organisation with --organisation."))
    result = import_casework(
        path, organisation, dry_run=options.get("dry_run", False), progress=terminal_progress
    )
    for warning in result.warnings:
        print(str(warning))
    if result.dry_run:
        found = result.counts_in_files
        return _(
            "%(p)s persons, %(c)s cases, %(s)s sessions, %(g)s goals checked without error."
        ) % {
            "p": found["personen"],
            "c": found["faelle"],
            "s": found["kontakte"],
            "g": found["ziele"],
        }
    lines = []
    labels = {
        "persons": _("persons"),
        "cases": _("cases"),
        "sessions": _("sessions"),
        "goals": _("goals"),
    }
    for key, counts in result.summary.as_dict().items():
        lines.append(
            _("%(what)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged")
            % {"what": labels[key], **counts}
        )
    return "\n".join(lines)
