"""Text for spreadsheet files that a spreadsheet program never runs as a formula.

Excel and LibreOffice read a CSV cell that starts with `=`, `+`, `-` or `@` as a
formula, and a leading tab or carriage return can hide such a start (OWASP "CSV
injection"). Every CSV cell built from text users typed (names, titles, audit-log
details) goes through `spreadsheet_text`: a leading apostrophe makes the program show
the text as it is. Full-width variants (＝ ＋ － ＠) are escaped too, since some locales
of Excel accept them as formula starts.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_text(text: str) -> str:
    """`text`, with an apostrophe in front when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def spreadsheet_row(values: list[object]) -> list[str]:
    """A CSV row of text cells: None as empty, everything else as escaped text."""
    return [spreadsheet_text("" if value is None else str(value)) for value in values]
