"""Import of the area hierarchy from CSV (`code;name;uebergeordnet`) or GeoJSON.

All or nothing: every problem of the file is collected, and the hierarchy is written
only when there is none. Codes already in the database may be named as parents, and
an area of the file replaces the stored area with the same code.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, TableError, parse_date, read_csv
from teilhabe.organisations.models import Area

REQUIRED = ("code", "name", "uebergeordnet")
OPTIONAL = ("gueltig_ab", "gueltig_bis")


@dataclass
class AreaRow:
    line: int
    code: str
    name: str
    parent: str
    valid_from: Any
    valid_to: Any
    geometry: Any = None


@dataclass
class ImportResult:
    created: int
    updated: int


def _rows_from_csv(path: Path) -> tuple[list[tuple[int, dict[str, str], Any]], list[Problem]]:
    table = read_csv(path.read_bytes(), path.name)
    missing = [column for column in REQUIRED if column not in table.columns]
    if missing:
        return [], [
            Problem(path.name, 1, column, _("Required column is missing.")) for column in missing
        ]
    return [(row.line, row.values, None) for row in table.rows], []


def _rows_from_geojson(path: Path) -> tuple[list[tuple[int, dict[str, str], Any]], list[Problem]]:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as error:
        return [], [Problem(path.name, 1, "", _("Not a valid GeoJSON file: %s") % error)]
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return [], [Problem(path.name, 1, "", _("A GeoJSON FeatureCollection is expected."))]
    rows = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            message = _("A GeoJSON feature with properties is expected.")
            return [], [Problem(path.name, number, "", message)]
        values = {
            str(k).strip().lower(): "" if v is None else str(v) for k, v in properties.items()
        }
        rows.append((number, values, feature.get("geometry")))
    return rows, []


def _parse(path: Path) -> tuple[list[AreaRow], list[Problem]]:
    reader = _rows_from_geojson if path.suffix.lower() in {".geojson", ".json"} else _rows_from_csv
    raw_rows, problems = reader(path)
    areas: list[AreaRow] = []
    first_line: dict[str, int] = {}
    for line, values, geometry in raw_rows:
        code = values.get("code", "").strip()
        name = values.get("name", "").strip()
        parent = values.get("uebergeordnet", "").strip()
        row_problems = []
        if not code:
            row_problems.append(Problem(path.name, line, "code", _("The code is empty.")))
        elif code in first_line:
            row_problems.append(
                Problem(
                    path.name,
                    line,
                    "code",
                    _("Duplicate code; it already appears in line %(line)s.")
                    % {"line": first_line[code]},
                    code,
                )
            )
        if not name:
            row_problems.append(Problem(path.name, line, "name", _("The name is empty.")))
        dates: dict[str, datetime.date | None] = {}
        for column in OPTIONAL:
            raw = values.get(column, "").strip()
            dates[column] = None
            if raw:
                try:
                    dates[column] = parse_date(raw)
                except ValueError:
                    row_problems.append(
                        Problem(path.name, line, column, _("Not a date (TT.MM.JJJJ)."), raw)
                    )
        if (
            dates["gueltig_ab"]
            and dates["gueltig_bis"]
            and dates["gueltig_bis"] < dates["gueltig_ab"]
        ):
            row_problems.append(
                Problem(path.name, line, "gueltig_bis", _("Ends before it begins."))
            )
        problems.extend(row_problems)
        if code and code not in first_line:
            first_line[code] = line
            areas.append(
                AreaRow(
                    line, code, name, parent, dates["gueltig_ab"], dates["gueltig_bis"], geometry
                )
            )
    return areas, problems


def _check_hierarchy(path: Path, areas: list[AreaRow]) -> list[Problem]:
    parent_of: dict[str, str | None] = dict(Area.objects.values_list("code", "parent__code"))
    parent_of.update({area.code: area.parent or None for area in areas})
    problems = []
    for area in areas:
        if area.parent and area.parent not in parent_of:
            problems.append(
                Problem(
                    path.name, area.line, "uebergeordnet", _("Unknown parent code."), area.parent
                )
            )
            continue
        seen = [area.code]
        current = parent_of.get(area.code)
        while current:
            if current in seen:
                chain = " → ".join([*seen, current])
                problems.append(
                    Problem(
                        path.name,
                        area.line,
                        "uebergeordnet",
                        _("The hierarchy has a cycle: %(chain)s") % {"chain": chain},
                    )
                )
                break
            seen.append(current)
            current = parent_of.get(current)
    return problems


def import_areas(path: Path, *, dry_run: bool = False) -> ImportResult:
    """Reads and checks the file; raises TableError with every problem, or stores it."""
    areas, problems = _parse(path)
    if not problems:
        problems = _check_hierarchy(path, areas)
    if problems:
        raise TableError(problems)
    existing = set(
        Area.objects.filter(code__in=[a.code for a in areas]).values_list("code", flat=True)
    )
    result = ImportResult(created=len(areas) - len(existing), updated=len(existing))
    if dry_run:
        return result
    with transaction.atomic():
        by_code: dict[str, Area] = {}
        for area in areas:
            obj, _created = Area.objects.update_or_create(
                code=area.code,
                defaults={
                    "name": area.name,
                    "valid_from": area.valid_from,
                    "valid_to": area.valid_to,
                    "geometry": area.geometry,
                },
            )
            by_code[area.code] = obj
        for area in areas:
            obj = by_code[area.code]
            obj.parent = (
                (by_code.get(area.parent) or Area.objects.get(code=area.parent))
                if area.parent
                else None
            )
            obj.save(update_fields=["parent"])
        update_levels()
    return result


def update_levels() -> None:
    """Recomputes each area's depth in the hierarchy (city = 0)."""
    parent_of = dict(Area.objects.values_list("pk", "parent_id"))
    for pk in parent_of:
        depth, current = 0, parent_of[pk]
        while current is not None:
            depth, current = depth + 1, parent_of[current]
        Area.objects.filter(pk=pk).exclude(level=depth).update(level=depth)
