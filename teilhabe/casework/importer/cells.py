"""Checking the cells of one row: every problem is recorded with file, line and column."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.utils.translation import gettext as _

from teilhabe.core.countries import country_code
from teilhabe.core.languages import language_code
from teilhabe.core.tabular import Problem, Row, parse_date

SEPARATOR = "|"


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

    def code(self, column: str, allowed: Collection[str], required: bool = False) -> str:
        value = self.text(column, required)
        if value and value.lower() not in allowed:
            self.problem(column, _("Unknown code."), value)
            return ""
        return value.lower()

    def codes(self, column: str, allowed: Collection[str]) -> list[str]:
        values = [v.strip().lower() for v in self.text(column).split(SEPARATOR) if v.strip()]
        for value in values:
            if value not in allowed:
                self.problem(column, _("Unknown code."), value)
        return [value for value in values if value in allowed]

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

    def country(self, column: str) -> str:
        value = self.text(column)
        code = country_code(value) if value else ""
        if code is None:
            self.problem(column, _("Unknown country."), value)
            return ""
        return code

    def countries(self, column: str) -> list[str]:
        codes = []
        for value in (v.strip() for v in self.text(column).split(SEPARATOR)):
            if value:
                code = country_code(value)
                if code is None:
                    self.problem(column, _("Unknown country."), value)
                elif code not in codes:
                    codes.append(code)
        return codes

    def language(self, column: str) -> str:
        """An ISO 639-1 code (the format's) or an ISO 639-3 code, stored as ISO 639-3."""
        value = self.text(column)
        code = language_code(value) if value else ""
        if code is None:
            self.problem(column, _("Unknown language code (ISO 639-1 or 639-3)."), value)
            return ""
        return code

    def languages(self, column: str) -> list[str]:
        codes: list[str] = []
        for value in (v.strip() for v in self.text(column).split(SEPARATOR)):
            if value:
                code = language_code(value)
                if code is None:
                    self.problem(column, _("Unknown language code (ISO 639-1 or 639-3)."), value)
                elif code not in codes:
                    codes.append(code)
        return codes

    def ids(self, column: str) -> list[str]:
        return [v.strip() for v in self.text(column).split(SEPARATOR) if v.strip()]

    def yes_no(self, column: str) -> bool | None:
        value = self.text(column).lower()
        if not value:
            return None
        if value not in {"ja", "nein"}:
            self.problem(column, _("Expected ja or nein."), value)
            return None
        return value == "ja"
