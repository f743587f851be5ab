"""`teilhabe import register PATH --stichtag TT.MM.JJJJ [--dry-run]` (shared/formats/cli.md)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, TableError, parse_date
from teilhabe.monitoring import supplied

slug_re = re.compile(r"[A-Za-z0-9_-]+")


def register(path: Path, options: dict[str, Any]) -> str:
    raw = options.get("stichtag") or ""
    try:
        stichtag = parse_date(raw)
    except ValueError:
        message = _("Give the reference date as --stichtag TT.MM.JJJJ.")
        raise TableError([Problem(path.name, 0, "stichtag", message, raw)]) from None
    # Polars is loaded by the import that needs it, not by every process that starts
    # Django (web server, worker, every other command): a quarter of a second each.
    from teilhabe.monitoring.services import import_register

    result = import_register(path, stichtag, dry_run=options.get("dry_run", False))
    return _(
        "%(residents)s residents of %(date)s counted in %(areas)s areas; "
        "only the counts are stored."
    ) % {
        "residents": result.residents,
        "date": result.stichtag.strftime("%d.%m.%Y"),
        "areas": result.areas,
    }


def sgb2(path: Path, options: dict[str, Any]) -> str:
    """`teilhabe import sgb2 PATH [--dry-run]`: gebiet;stichtag;sgb2_personen;sgb2_unter_15."""
    rows = supplied.read(path, supplied.SGB2_COLUMNS)
    supplied.check_sgb2(rows, path.name)
    if not options.get("dry_run"):
        supplied.store_sgb2(rows)
    return _("%(rows)s SGB II counts for %(dates)s reference dates.") % {
        "rows": len(rows),
        "dates": len({r.stichtag for r in rows}),
    }


def indicator(path: Path, options: dict[str, Any]) -> str:
    """`teilhabe import indicator PATH --indikator CODE [--titel T] [--faktor F]`:
    gebiet;stichtag;zaehler;nenner."""
    code = (options.get("indikator") or "").strip()
    factor = options.get("faktor") or 100
    if not slug_re.fullmatch(code) or len(code) > 40:
        message = _("Give the indicator's code as --indikator CODE (letters, digits, - and _).")
        raise TableError([Problem(path.name, 0, "indikator", message, code)])
    if not isinstance(factor, int) or factor < 1:
        message = _("The factor is a whole number of 1 or more.")
        raise TableError([Problem(path.name, 0, "faktor", message, str(factor))])
    rows = supplied.read(path, supplied.INDICATOR_COLUMNS)
    if not options.get("dry_run"):
        supplied.store_indicator(code, options.get("titel") or "", factor, rows)
    return _("%(rows)s values of the indicator %(code)s for %(dates)s reference dates.") % {
        "rows": len(rows),
        "code": code,
        "dates": len({r.stichtag for r in rows}),
    }
