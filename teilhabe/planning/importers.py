"""`teilhabe import plan PATH --konzept SLUG [--titel TITLE] [--dry-run]`
(shared/formats/plan.md): the handler the `import` command calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from teilhabe.planning.importer.service import PlanImportResult, import_plan


def summary_lines(result: PlanImportResult) -> list[str]:
    staged = result.staged
    if result.dry_run:
        return [
            _(
                "%(f)s fields of action, %(g)s goals, %(m)s measures, %(p)s progress entries, "
                "%(fp)s funding programmes checked without error."
            )
            % {
                "f": len(staged.fields),
                "g": len(staged.goals),
                "m": len(staged.measures),
                "p": len(staged.progress),
                "fp": len(staged.programmes),
            }
        ]
    labels = {
        "programmes": _("funding programmes"),
        "fields": _("fields of action"),
        "goals": _("goals"),
        "measures": _("measures"),
    }
    lines = [
        _("%(what)s: %(created)s new, %(updated)s updated") % {"what": labels[key], **counts}
        for key, counts in result.summary.counts.items()
    ]
    lines.append(
        _("progress entries: %(added)s added, %(skipped)s already stored and skipped")
        % {"added": result.summary.progress_added, "skipped": result.summary.progress_skipped}
    )
    if result.summary.actors_created:
        lines.append(
            _("New actors outside Teilhabe: %s") % ", ".join(result.summary.actors_created)
        )
    return lines


def plan(path: Path, options: dict[str, Any]) -> str:
    slug = options.get("konzept")
    if not slug:
        raise CommandError(_("Name the concept with --konzept."))
    result = import_plan(
        path, slug, title=options.get("titel") or "", dry_run=options.get("dry_run", False)
    )
    for warning in result.warnings:
        print(str(warning))
    return "\n".join(summary_lines(result))
