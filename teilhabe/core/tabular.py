"""Reading the tables users really produce: CSV from German Excel, UTF-8 or Windows-1252.

Encoding and delimiter are detected, never guessed silently: a file that is neither
valid UTF-8 nor clean Windows-1252 is refused with the line that fails. Rows carry
their line number, so every later error can point to `file:line:column`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

# Control characters that never occur in a text table; their presence means the bytes
# were not text in the encoding we tried (e.g. UTF-16 or a binary file).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bytes that Windows-1252 leaves undefined.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}


@dataclass(frozen=True)
class Problem:
    """One error in an input file, reported as `file:line:column: message`."""

    file: str
    line: int
    column: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        value = f" ({self.value!r})" if self.value else ""
        return f"{self.file}:{self.line}:{self.column}: {self.message}{value}"


class TableError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class Row:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()


@dataclass
class Table:
    name: str
    encoding: str
    delimiter: str
    columns: list[str]
    rows: list[Row] = field(default_factory=list)


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Returns (text, encoding) or raises TableError naming the failing line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data, bom = data[3:], True
    else:
        bom = False
    try:
        text, encoding = data.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError as utf8_error:
        bad = next((i for i, byte in enumerate(data) if byte in _CP1252_UNDEFINED), None)
        if bom or bad is not None:
            line = _line_of(data, utf8_error.start if bad is None else bad)
            raise TableError(
                [Problem(name, line, "", _("The file is neither UTF-8 nor Windows-1252 text."))]
            ) from utf8_error
        text, encoding = data.decode("cp1252"), "cp1252"
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise TableError(
            [Problem(name, line, "", _("The file is neither UTF-8 nor Windows-1252 text."))]
        )
    return text, encoding


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") else ","


def normalise_column(name: str) -> str:
    return name.strip().lower()


def iter_csv(data: bytes, name: str) -> tuple[list[str], Iterator[Row]]:
    """The normalised header and a lazy iterator over the non-empty rows.

    Rows are produced one at a time, so that a file of a million rows does not sit in
    memory as dictionaries.
    """
    text, _encoding = decode(data, name)
    delimiter = _delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError([Problem(name, 1, "", _("The file is empty."))]) from None
    columns = [normalise_column(column) for column in header]

    def rows() -> Iterator[Row]:
        previous_end = reader.line_num
        try:
            for cells in reader:
                line = previous_end + 1
                previous_end = reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue  # empty rows, as Excel leaves them at the end
                if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                    raise TableError(
                        [Problem(name, line, "", _("The row has more cells than the header."))]
                    )
                yield Row(line, dict(zip(columns, cells, strict=False)))
        except csv.Error as error:
            raise TableError([Problem(name, reader.line_num, "", str(error))]) from error

    return columns, rows()


def read_csv(data: bytes, name: str) -> Table:
    text, encoding = decode(data, name)
    columns, rows = iter_csv(data, name)
    return Table(name, encoding, _delimiter(text.split("\n", 1)[0]), columns, list(rows))


_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str) -> datetime.date:
    """`TT.MM.JJJJ` or `JJJJ-MM-TT`; raises ValueError otherwise (also for 31.02.)."""
    value = value.strip()
    if match := _GERMAN_DATE.fullmatch(value):
        day, month, year = match.groups()
    elif match := _ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
    else:
        raise ValueError(value)
    return datetime.date(int(year), int(month), int(day))
