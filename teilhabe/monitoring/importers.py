"""`teilhabe import register PATH --stichtag TT.MM.JJJJ [--dry-run]` (shared/formats/cli.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, TableError, parse_date
from teilhabe.monitoring.services import import_register


def register(path: Path, options: dict[str, Any]) -> str:
    raw = options.get("stichtag") or ""
    try:
        stichtag = parse_date(raw)
    except ValueError:
        message = _("Give the reference date as --stichtag TT.MM.JJJJ.")
        raise TableError([Problem(path.name, 0, "stichtag", message, raw)]) from None
    result = import_register(path, stichtag, dry_run=options.get("dry_run", False))
    return _(
        "%(residents)s residents of %(date)s counted in %(areas)s areas; "
        "only the counts are stored."
    ) % {
        "residents": result.residents,
        "date": result.stichtag.strftime("%d.%m.%Y"),
        "areas": result.areas,
    }
