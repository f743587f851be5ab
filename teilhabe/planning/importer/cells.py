"""Checking the cells of one row of a plan file: every problem is recorded with file,
line and column (shared/formats/plan.md). The messages are those of the casework
import where the check is the same."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, Row, parse_date

SEPARATOR = "|"
# German thousands separators: 1.234.567 (with or without a decimal comma after it).
_GERMAN_THOUSANDS = re.compile(r"\d{1,3}(\.\d{3})+")


def parse_decimal(value: str) -> Decimal:
    """`1.234,50`, `1234,5`, or a number as an XLSX cell gives it (`1234.5`); raises
    ValueError otherwise."""
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text:
        whole, _sep, decimals = text.rpartition(",")
        if "." in whole and not _GERMAN_THOUSANDS.fullmatch(whole.lstrip("-")):
            raise ValueError(value)
        text = whole.replace(".", "") + "." + decimals
    elif _GERMAN_THOUSANDS.fullmatch(text.lstrip("-")):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(value)
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(value) from error


class Cells:
    def __init__(self, file: str, row: Row, problems: list[Problem]) -> None:
        self.file, self.row, self.problems = file, row, problems

    def problem(self, column: str, message: str, value: str = "") -> None:
        self.problems.append(Problem(self.file, self.row.line, column, message, value))

    def text(self, column: str, required: bool = False) -> str:
        value = self.row.get(column)
        if required and not value:
            self.problem(column, _("A value is required."))
        return value

    def many(self, column: str, required: bool = False) -> list[str]:
        """The values of a cell holding several, separated by `|`."""
        values = [v.strip() for v in self.text(column).split(SEPARATOR) if v.strip()]
        if required and not values:
            self.problem(column, _("A value is required."))
        return values

    def date(self, column: str, required: bool = False) -> datetime.date | None:
        value = self.text(column, required)
        if not value:
            return None
        try:
            day = parse_date(value)
        except ValueError:
            self.problem(column, _("Not a valid date (TT.MM.JJJJ or JJJJ-MM-TT)."), value)
            return None
        if not 1900 <= day.year <= 2100:
            self.problem(column, _("The date is out of range."), value)
            return None
        return day

    def integer(self, column: str, low: int, high: int) -> int | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.problem(column, _("Not a whole number."), value)
            return None
        if not low <= number <= high:
            self.problem(
                column, _("Out of range (%(low)s to %(high)s).") % {"low": low, "high": high}, value
            )
            return None
        return number

    def money(self, column: str) -> Decimal | None:
        """EUR with a decimal comma, not negative, at most two decimals."""
        value = self.text(column)
        if not value:
            return None
        try:
            amount = parse_decimal(value)
        except ValueError:
            self.problem(column, _("Not a number (use a decimal comma, e.g. 1250,50)."), value)
            return None
        if amount < 0:
            self.problem(column, _("The amount cannot be negative."), value)
            return None
        if amount != amount.quantize(Decimal("0.01")) or amount >= Decimal("1e12"):
            self.problem(column, _("Not an amount in EUR with at most two decimals."), value)
            return None
        return amount.quantize(Decimal("0.01"))

    def period(self, start: str, end: str) -> tuple[datetime.date | None, datetime.date | None]:
        first, last = self.date(start), self.date(end)
        if first and last and last < first:
            self.problem(end, _("The end lies before the beginning."), self.text(end))
        return first, last
