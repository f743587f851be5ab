"""Reading the tables of a plan import (shared/formats/plan.md) into rows, checking
every cell on its own: required values, dates, numbers, statuses, codes unique within
their file. References between the files and to what is stored are checked in
check.py."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem
from teilhabe.core.tabular_sources import SourceTable
from teilhabe.planning.importer.cells import Cells
from teilhabe.planning.models import Status

# table: (required columns, optional columns). `beschreibung` extends the format.
COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "foerderprogramme": (("code", "titel"), ("geber", "betrag_jahr", "beginn", "ende")),
    "handlungsfelder": (("code", "titel"), ()),
    "ziele": (("code", "titel"), ("handlungsfeld", "uebergeordnet", "gebiet")),
    "massnahmen": (
        ("code", "titel", "ziele"),
        (
            "beschreibung",
            "federfuehrung",
            "partner",
            "gebiete",
            "beginn",
            "ende",
            "kosten",
            "finanzierung",
        ),
    ),
    "fortschritt": (("massnahme", "datum"), ("status", "stand", "bemerkung")),
}
TABLES = tuple(COLUMNS)
STATUSES = {status.value for status in Status}


@dataclass
class ProgrammeRow:
    line: int
    code: str
    title: str
    funder: str
    amount: Decimal | None
    starts: datetime.date | None
    ends: datetime.date | None


@dataclass
class FieldRow:
    line: int
    code: str
    title: str


@dataclass
class GoalRow:
    line: int
    code: str
    title: str
    field: str
    parent: str
    area: str


@dataclass
class MeasureRow:
    line: int
    code: str
    title: str
    description: str
    goals: list[str]
    lead: str
    partners: list[str]
    areas: list[str]
    starts: datetime.date | None
    ends: datetime.date | None
    cost: Decimal | None
    funding: str


@dataclass
class ProgressRow:
    line: int
    measure: str
    date: datetime.date
    status: str
    stand: int | None
    remark: str


@dataclass
class Staged:
    """The rows of every file, and for each file its name and the columns it has (an
    optional column left out of a file leaves the stored values as they are)."""

    programmes: dict[str, ProgrammeRow] = field(default_factory=dict)
    fields: dict[str, FieldRow] = field(default_factory=dict)
    goals: dict[str, GoalRow] = field(default_factory=dict)
    measures: dict[str, MeasureRow] = field(default_factory=dict)
    progress: list[ProgressRow] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    columns: dict[str, set[str]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def has(self, table: str, column: str) -> bool:
        return column in self.columns.get(table, set())


def check_columns(name: str, table: SourceTable, problems: list[Problem], staged: Staged) -> bool:
    required, optional = COLUMNS[name]
    for column in required:
        if column not in table.columns:
            problems.append(Problem(table.file, 1, column, _("Required column is missing.")))
    for column in table.columns:
        if column and column not in required and column not in optional:
            staged.warnings.append(Problem(table.file, 1, column, _("Unknown column, ignored.")))
    staged.files[name] = table.file
    staged.columns[name] = set(table.columns)
    return all(column in table.columns for column in required)


def _unique(cells: Cells, code: str, seen: dict[str, int]) -> bool:
    if code in seen:
        message = _("Duplicate code; it already appears in line %(line)s.") % {"line": seen[code]}
        cells.problem("code", message, code)
        return False
    seen[code] = cells.row.line
    return True


def read_programmes(table: SourceTable, problems: list[Problem], staged: Staged) -> None:
    seen: dict[str, int] = {}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        code, title = c.text("code", required=True), c.text("titel", required=True)
        amount = c.money("betrag_jahr")
        starts, ends = c.period("beginn", "ende")
        if code and _unique(c, code, seen):
            staged.programmes[code] = ProgrammeRow(
                row.line, code, title, c.text("geber"), amount, starts, ends
            )


def read_fields(table: SourceTable, problems: list[Problem], staged: Staged) -> None:
    seen: dict[str, int] = {}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        code, title = c.text("code", required=True), c.text("titel", required=True)
        if code and _unique(c, code, seen):
            staged.fields[code] = FieldRow(row.line, code, title)


def read_goals(table: SourceTable, problems: list[Problem], staged: Staged) -> None:
    seen: dict[str, int] = {}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        code, title = c.text("code", required=True), c.text("titel", required=True)
        parent = c.text("uebergeordnet")
        # Without a parent the goal needs its own field; with one it may take the parent's.
        field_code = c.text("handlungsfeld", required=not parent)
        if code and _unique(c, code, seen):
            staged.goals[code] = GoalRow(
                row.line, code, title, field_code, parent, c.text("gebiet")
            )


def read_measures(table: SourceTable, problems: list[Problem], staged: Staged) -> None:
    seen: dict[str, int] = {}
    for row in table.rows:
        c = Cells(table.file, row, problems)
        code, title = c.text("code", required=True), c.text("titel", required=True)
        goals = c.many("ziele", required=True)
        starts, ends = c.period("beginn", "ende")
        measure = MeasureRow(
            line=row.line,
            code=code,
            title=title,
            description=c.text("beschreibung"),
            goals=goals,
            lead=c.text("federfuehrung"),
            partners=c.many("partner"),
            areas=c.many("gebiete"),
            starts=starts,
            ends=ends,
            cost=c.money("kosten"),
            funding=c.text("finanzierung"),
        )
        if code and _unique(c, code, seen):
            staged.measures[code] = measure


def read_progress(table: SourceTable, problems: list[Problem], staged: Staged) -> None:
    for row in table.rows:
        c = Cells(table.file, row, problems)
        measure, date = c.text("massnahme", required=True), c.date("datum", required=True)
        status = c.text("status").lower()
        if status and status not in STATUSES:
            c.problem("status", _("Unknown status."), c.text("status"))
        stand = c.integer("stand", 0, 100)
        if measure and date:
            staged.progress.append(
                ProgressRow(row.line, measure, date, status, stand, c.text("bemerkung"))
            )


READERS = {
    "foerderprogramme": read_programmes,
    "handlungsfelder": read_fields,
    "ziele": read_goals,
    "massnahmen": read_measures,
    "fortschritt": read_progress,
}


def read_tables(tables: dict[str, SourceTable], problems: list[Problem]) -> Staged:
    staged = Staged()
    for name in TABLES:
        table = tables.get(name)
        if table is not None and check_columns(name, table, problems, staged):
            READERS[name](table, problems, staged)
    return staged
