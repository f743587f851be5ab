"""Aggregate tables a statistics office supplies beside the register extract
(register-extract.md, "Aggregates stored"; issue 13, item 3):

- SGB II counts, `gebiet;stichtag;sgb2_personen;sgb2_unter_15`
  (`teilhabe import sgb2 PATH [--dry-run]`);
- any indicator as numerator and denominator, `gebiet;stichtag;zaehler;nenner`
  (`teilhabe import indicator PATH --indikator CODE [--titel TEXT] [--faktor 100]`).

Each row names the area as it stood on the row's reference date: an area outside its
validity on that date is refused, like in the register import. The rows are stored as
supplied; the areas above are summed when read (`figures.supplied_sums`). A reference
date present in the file replaces that table's figures of the date, all or nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, ProblemList, Row, TableError, open_csv, parse_date
from teilhabe.monitoring.models import Sgb2Count, SuppliedIndicator, SuppliedValue
from teilhabe.organisations.models import Area

SGB2_COLUMNS = ("gebiet", "stichtag", "sgb2_personen", "sgb2_unter_15")
INDICATOR_COLUMNS = ("gebiet", "stichtag", "zaehler", "nenner")


@dataclass(frozen=True)
class SuppliedRow:
    area: int
    stichtag: datetime.date
    first: int
    second: int
    line: int


def read(path: Path, columns: tuple[str, ...]) -> list[SuppliedRow]:
    """Every row checked; raises TableError with every problem."""
    name = path.name
    table = open_csv(lambda: path.open("rb"), name)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        message = _("Required column missing.")
        raise TableError([Problem(name, 1, column, message) for column in missing])
    areas = list(Area.objects.all())
    problems = ProblemList()
    rows: list[SuppliedRow] = []
    seen: set[tuple[int, datetime.date]] = set()
    for row in table.rows:
        parsed = _row(row, name, columns, areas, problems)
        if parsed is None:
            continue
        key = (parsed.area, parsed.stichtag)
        if key in seen:
            message = _("This area and reference date appear more than once.")
            problems.append(Problem(name, row.line, "gebiet", message, row.get("gebiet")))
        seen.add(key)
        rows.append(parsed)
    if problems:
        raise TableError(list(problems), problems.more)
    return rows


def _row(
    row: Row, name: str, columns: tuple[str, ...], areas: list[Area], problems: ProblemList
) -> SuppliedRow | None:
    count = len(problems) + problems.more
    day = None
    try:
        day = parse_date(row.get("stichtag"))
    except ValueError:
        message = _("Not a date (TT.MM.JJJJ).")
        problems.append(Problem(name, row.line, "stichtag", message, row.get("stichtag")))
    code = row.get("gebiet")
    area = next((a for a in areas if a.code == code), None)
    if not code:
        problems.append(Problem(name, row.line, "gebiet", _("A value is required.")))
    elif area is None:
        problems.append(Problem(name, row.line, "gebiet", _("Unknown area."), code))
    elif day is not None and not area.is_valid_on(day):
        message = _("The area is not valid on this reference date.")
        problems.append(Problem(name, row.line, "gebiet", message, code))
    numbers = []
    for column in columns[2:]:
        value = row.get(column)
        if not value.isdigit():
            message = _("Not a whole number of 0 or more.")
            problems.append(Problem(name, row.line, column, message, value))
        else:
            numbers.append(int(value))
    if len(problems) + problems.more > count or area is None or day is None:
        return None
    return SuppliedRow(area.pk, day, numbers[0], numbers[1], row.line)


Store = Callable[[list[SuppliedRow]], None]


@transaction.atomic
def store_sgb2(rows: list[SuppliedRow]) -> None:
    Sgb2Count.objects.filter(stichtag__in={r.stichtag for r in rows}).delete()
    Sgb2Count.objects.bulk_create(
        Sgb2Count(area_id=r.area, stichtag=r.stichtag, persons=r.first, under_15=r.second)
        for r in rows
    )


def check_sgb2(rows: list[SuppliedRow], name: str) -> None:
    """Those under 15 are among the persons."""
    problems = [
        Problem(name, r.line, "sgb2_unter_15", _("More persons under 15 than persons in all."))
        for r in rows
        if r.second > r.first
    ]
    if problems:
        raise TableError(problems)


@transaction.atomic
def store_indicator(code: str, title: str, factor: int, rows: list[SuppliedRow]) -> None:
    indicator, _created = SuppliedIndicator.objects.update_or_create(
        code=code, defaults={"title": title or code, "factor": factor}
    )
    indicator.values.filter(stichtag__in={r.stichtag for r in rows}).delete()
    SuppliedValue.objects.bulk_create(
        SuppliedValue(
            indicator=indicator,
            area_id=r.area,
            stichtag=r.stichtag,
            numerator=r.first,
            denominator=r.second,
        )
        for r in rows
    )
