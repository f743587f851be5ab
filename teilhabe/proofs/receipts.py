"""Reading the receipt list (Belegliste) a grantee uploads: CSV as German Excel writes it
(semicolons, Windows-1252 or UTF-8) or an XLSX workbook, read by the shared readers
(core/tabular.py, core/tabular_sources.py) within their limits.

Columns (header names in any case, German aliases accepted): Datum (TT.MM.JJJJ),
Empfänger, Zweck, Betrag (1.234,56), Position (the number or the label of a line of the
finance plan). Every problem is collected as `file:line:column: message`; the caller
stores nothing while any exists.
"""

from __future__ import annotations

import datetime
import re
import tempfile
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, ProblemList, Row, TableError, open_csv, parse_date
from teilhabe.core.tabular_sources import open_tables
from teilhabe.grants.amounts import parse_euro

# Column -> the header names accepted for it (normalised: stripped, lower case).
COLUMNS: dict[str, tuple[str, ...]] = {
    "datum": ("datum", "belegdatum", "zahlungsdatum", "date"),
    "empfaenger": ("empfänger", "empfaenger", "zahlungsempfänger", "zahlungsempfaenger", "payee"),
    "zweck": ("zweck", "verwendungszweck", "purpose"),
    "betrag": ("betrag", "betrag (eur)", "betrag in eur", "betrag €", "amount"),
    "position": ("position", "planposition", "kostenposition", "zeile", "line"),
}
# The sheet of a workbook that holds the list; a workbook with one sheet may name it freely.
SHEETS = ("belegliste", "belege", "receipts")
_WORKBOOK_NUMBER = re.compile(r"^\d+\.\d{1,2}$")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PlanLine:
    pk: int
    position: int
    label: str


@dataclass(frozen=True)
class ReceiptRow:
    number: int
    line: PlanLine
    paid_on: datetime.date
    payee: str
    purpose: str
    amount: Decimal


def _amount(text: str, from_workbook: bool) -> Decimal:
    # A number cell of a workbook arrives as "1234.5"; in a CSV that form is refused,
    # because "1.234" could be a thousand times more (grants/amounts.py).
    if from_workbook and _WORKBOOK_NUMBER.match(text):
        return Decimal(text).quantize(CENT, rounding=ROUND_HALF_UP)
    return parse_euro(text)


def _find_columns(columns: list[str], file: str) -> dict[str, str]:
    found: dict[str, str] = {}
    problems = []
    for key, names in COLUMNS.items():
        match = next((column for column in columns if column in names), None)
        if match is None:
            message = _("The column “%(column)s” is missing.") % {"column": names[0].capitalize()}
            problems.append(Problem(file, 1, "", message))
        else:
            found[key] = match
    if problems:
        raise TableError(problems)
    return found


def _plan_line(text: str, lines: Sequence[PlanLine]) -> PlanLine | None:
    wanted = " ".join(text.split()).casefold()
    for line in lines:
        if wanted == str(line.position) or wanted == " ".join(line.label.split()).casefold():
            return line
    return None


def check_rows(
    file: str,
    columns: list[str],
    rows: Iterator[Row],
    lines: Sequence[PlanLine],
    period: tuple[datetime.date | None, datetime.date | None] = (None, None),
    from_workbook: bool = False,
) -> list[ReceiptRow]:
    """The rows as receipts; TableError with every problem found."""
    names = _find_columns(columns, file)
    problems = ProblemList()
    result: list[ReceiptRow] = []
    starts, ends = period
    for row in rows:
        before = len(problems) + problems.more

        def problem(key: str, message: str, value: str = "", row: Row = row) -> None:
            problems.append(Problem(file, row.line, names[key], message, value))

        values = {key: row.get(column) for key, column in names.items()}
        for key in COLUMNS:
            if not values[key]:
                problem(key, _("The cell is empty."))
        paid_on = amount = line = None
        if values["datum"]:
            try:
                paid_on = parse_date(values["datum"])
            except ValueError:
                problem("datum", _("Not a date; write it like 31.12.2025."), values["datum"])
        if paid_on and ((starts and paid_on < starts) or (ends and paid_on > ends)):
            problem(
                "datum",
                _("The date lies outside the project period (%(start)s to %(end)s).")
                % {
                    "start": formats.date_format(starts, "d.m.Y") if starts else "–",
                    "end": formats.date_format(ends, "d.m.Y") if ends else "–",
                },
                values["datum"],
            )
        if values["betrag"]:
            try:
                amount = _amount(values["betrag"], from_workbook)
            except ValidationError as error:
                problem("betrag", " ".join(error.messages))
            else:
                if amount <= 0:
                    problem("betrag", _("The amount must be greater than 0."), values["betrag"])
        if values["position"]:
            line = _plan_line(values["position"], lines)
            if line is None:
                known = ", ".join(f"{entry.position} {entry.label}" for entry in lines)
                problem(
                    "position",
                    _("No line of the finance plan has this number or name (%(lines)s).")
                    % {"lines": known},
                    values["position"],
                )
        for key, limit in (("empfaenger", 200), ("zweck", 300)):
            if len(values[key]) > limit:
                problem(key, _("At most %(limit)s characters.") % {"limit": limit})
        if len(problems) + problems.more == before and paid_on and amount and line:
            result.append(
                ReceiptRow(row.line, line, paid_on, values["empfaenger"], values["zweck"], amount)
            )
    if problems:
        raise TableError(list(problems), problems.more)
    if not result:
        raise TableError([Problem(file, 2, "", _("The receipt list has no receipts."))])
    return result


class _EverySheet(Collection[str]):
    """Asks the shared reader for every sheet of the workbook; this module picks one."""

    def __contains__(self, name: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def _safe_name(name: str, suffix: str) -> str:
    stem = re.sub(r"[^\w\-]+", "_", Path(name).stem)[:80] or "belegliste"
    return stem + suffix


def read(
    name: str,
    stream: IO[bytes],
    lines: Sequence[PlanLine],
    period: tuple[datetime.date | None, datetime.date | None] = (None, None),
) -> list[ReceiptRow]:
    """The receipts of an uploaded CSV or XLSX file; TableError with every problem."""
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        suffix = ".csv"
    if suffix not in (".csv", ".xlsx"):
        file = Path(name).name[:100] or "belegliste"
        raise TableError([Problem(file, 1, "", _("Upload the receipt list as CSV or XLSX."))])
    with tempfile.TemporaryDirectory() as folder:
        # The file keeps (a safe form of) its name: messages name the file the user sent.
        path = Path(folder) / _safe_name(name, suffix)
        with path.open("wb") as target:
            while chunk := stream.read(64 * 1024):
                target.write(chunk)
        if suffix == ".csv":
            table = open_csv(lambda: path.open("rb"), path.name)
            return check_rows(path.name, table.columns, table.rows, lines, period)
        tables = open_tables(path, _EverySheet())
        chosen = next((tables[sheet] for sheet in SHEETS if sheet in tables), None)
        if chosen is None and len(tables) == 1:
            chosen = next(iter(tables.values()))
        if chosen is None:
            message = _("The workbook has no sheet named “Belegliste”.")
            raise TableError([Problem(path.name, 1, "", message)])
        return check_rows(
            chosen.file, chosen.columns, chosen.rows, lines, period, from_workbook=True
        )
