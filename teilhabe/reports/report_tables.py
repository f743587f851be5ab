"""Typed tables of figures, the common form in which the organisation report hands its
numbers to the page, the PDF, the XLSX and the CSV (export_organisation.py)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Share:
    """A percentage (41.34 means 41.34 %), so that every format shows it as one."""

    value: float


@dataclass(frozen=True)
class Fixed:
    """A number shown with a fixed number of decimals (an average: 45,0 minutes)."""

    value: float
    places: int = 1


Cell = int | float | Decimal | str | datetime.date | Share | Fixed | None


@dataclass(frozen=True)
class Column:
    label: str
    numeric: bool = True


@dataclass(frozen=True)
class ReportTable:
    key: str  # stable and unique within a report: the CSV's `tabelle`
    title: str
    short: str  # at most 31 characters: the XLSX sheet's name
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]  # the first cell labels the row
    # A stable code per row (an engine key, a code or an id): the CSV's `zeile`, which a
    # program can rely on whatever the language and however the rows are labelled.
    codes: list[str] = field(default_factory=list)
    note: str = ""

    def row_codes(self) -> list[str]:
        return self.codes or [str(index) for index in range(1, len(self.rows) + 1)]


@dataclass(frozen=True)
class ReportSection:
    key: str
    title: str
    tables: list[ReportTable]
    empty: str = ""  # said instead of tables when the organisation has nothing here


def year_columns(year: int, first: str = "") -> tuple[Column, Column, Column]:
    return Column(first or _("Figure"), numeric=False), Column(str(year)), Column(str(year - 1))


def figure_table(
    key: str,
    title: str,
    short: str,
    year: int,
    rows: Sequence[tuple[str, str, Cell, Cell]],
    note: str = "",
    *,
    first: str = "",
) -> ReportTable:
    """A table of figures with the year and the year before: rows of (code, label, value,
    previous value)."""
    return ReportTable(
        key,
        title,
        short,
        year_columns(year, first),
        [(label, this, last) for _code, label, this, last in rows],
        [code for code, _label, _this, _last in rows],
        note,
    )


def fixed(value: float | None, places: int = 1) -> Fixed | None:
    return None if value is None else Fixed(value, places)
