"""Text in spreadsheet files is never run as a formula (OWASP CSV injection)."""

from __future__ import annotations

import pytest

from teilhabe.core.spreadsheet_safety import spreadsheet_row, spreadsheet_text

HOSTILE = [
    '=HYPERLINK("http://example.org","klick")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # full-width equals sign
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_starts_get_an_apostrophe(value: str) -> None:
    assert spreadsheet_text(value) == "'" + value


@pytest.mark.parametrize("value", ["Olena Kovalenko", "", "1 = 1", "E-Mail", "'quoted", "{}"])
def test_harmless_text_is_unchanged(value: str) -> None:
    assert spreadsheet_text(value) == value


def test_a_row_turns_every_value_into_escaped_text() -> None:
    assert spreadsheet_row([None, 3, "-1", {"read": "x"}]) == ["", "3", "'-1", "{'read': 'x'}"]
