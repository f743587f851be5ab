"""Reading the tables users really produce: CSV from German Excel, UTF-8 or Windows-1252.

Encoding and delimiter are detected, never guessed silently: a file that is neither
valid UTF-8 nor clean Windows-1252 is refused with the line that fails. Rows carry
their line number, so every later error can point to `file:line:column`.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _


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
    """Every problem found; `more` counts those left out beyond the limit of problems."""

    def __init__(self, problems: list[Problem], more: int = 0) -> None:
        super().__init__()
        self.problems = problems
        self.more = more + getattr(problems, "more", 0)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems[:20])


class ProblemList(list[Problem]):
    """A list of problems that keeps the first `limit` and only counts the rest.

    A file of errors must not turn into a million stored problems: the first thousand
    say what is wrong, the count says how much.
    """

    def __init__(self, limit: int | None = None) -> None:
        super().__init__()
        self.limit = limit if limit is not None else Limits.from_settings().problems
        self.more = 0

    def append(self, problem: Problem) -> None:
        if len(self) < self.limit:
            super().append(problem)
        else:
            self.more += 1


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


@dataclass(frozen=True)
class Limits:
    """What one upload may unpack to; the settings are described in docs/operations.md."""

    unpacked: int = 512 * 1024 * 1024
    rows: int = 2_000_000
    columns: int = 200
    problems: int = 1000

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            unpacked=getattr(settings, "IMPORT_MAX_UNPACKED", cls.unpacked),
            rows=getattr(settings, "IMPORT_MAX_ROWS", cls.rows),
            columns=getattr(settings, "IMPORT_MAX_COLUMNS", cls.columns),
            problems=getattr(settings, "IMPORT_MAX_PROBLEMS", cls.problems),
        )


class Budget:
    """The unpacked bytes one upload may still read, shared by all of its files."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits.from_settings()
        self.left = self.limits.unpacked

    def take(self, size: int, name: str) -> None:
        self.left -= size
        if self.left < 0:
            raise TableError([Problem(name, 1, "", self.message())])

    def message(self) -> str:
        return _("Unpacked, the upload is larger than the limit of %(limit)s MB.") % {
            "limit": self.limits.unpacked // (1024 * 1024)
        }


def too_many_rows(name: str, line: int, limits: Limits) -> TableError:
    message = _("The table has more than %(limit)s rows.") % {"limit": limits.rows}
    return TableError([Problem(name, line, "", message)])


def check_header(columns: list[str], name: str, limits: Limits) -> None:
    """Refuses a header wider than the limit or naming a column twice (the last one
    would silently win)."""
    if len(columns) > limits.columns:
        message = _("The table has more than %(limit)s columns.") % {"limit": limits.columns}
        raise TableError([Problem(name, 1, "", message)])
    seen: set[str] = set()
    problems = []
    for column in columns:
        if column and column in seen:
            problems.append(Problem(name, 1, column, _("The column appears more than once.")))
        seen.add(column)
    if problems:
        raise TableError(problems)


Opener = Callable[[], IO[bytes]]
_CHUNK = 1024 * 1024
# A physical line longer than this is not a table row (a field may hold 128 KiB).
MAX_LINE = 1024 * 1024
# Control characters never occur in a text table; their presence means the bytes were
# not text (e.g. UTF-16 or a binary file). In UTF-8 and Windows-1252 alike they are
# single bytes, so the raw bytes can be searched before the encoding is known.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Bytes that Windows-1252 leaves undefined.
_CP1252_UNDEFINED_BYTES = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
_SUSPICIOUS = bytes(
    [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D]
)


def _not_text(name: str, line: int) -> TableError:
    return TableError(
        [Problem(name, line, "", _("The file is neither UTF-8 nor Windows-1252 text."))]
    )


def _scan(open_stream: Opener, name: str, budget: Budget) -> tuple[str, bool]:
    """The first of two passes: (encoding, has BOM), reading the stream in chunks so that
    memory stays bounded; counts the unpacked bytes against the budget."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8_error: int | None = None  # byte offsets of the first finding of each kind
    undefined: int | None = None
    control: int | None = None
    position, bom = 0, False
    with open_stream() as stream:
        while chunk := stream.read(_CHUNK):
            budget.take(len(chunk), name)
            base = position
            position += len(chunk)
            if base == 0 and chunk.startswith(b"\xef\xbb\xbf"):
                bom, chunk, base = True, chunk[3:], 3
            if utf8_error is None:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError as error:
                    utf8_error = base + max(error.start, 0)
            # translate() finds out in C whether a chunk has any suspicious byte at all;
            # the regular expressions, ten times slower, run only on such a chunk.
            if len(chunk.translate(None, _SUSPICIOUS)) != len(chunk):
                if undefined is None and (match := _CP1252_UNDEFINED_BYTES.search(chunk)):
                    undefined = base + match.start()
                if control is None and (match := _CONTROL_BYTES.search(chunk)):
                    control = base + match.start()
    if utf8_error is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8_error = position
    if utf8_error is not None and (bom or undefined is not None):
        offset = utf8_error if undefined is None else undefined
        raise _not_text(name, _line_at(open_stream, offset))
    if control is not None:
        raise _not_text(name, _line_at(open_stream, control))
    return ("utf-8" if utf8_error is None else "cp1252"), bom


def _line_at(open_stream: Opener, offset: int) -> int:
    """The line of a byte offset: counted again only when there is an error to report."""
    newlines, position = 0, 0
    with open_stream() as stream:
        while position < offset and (chunk := stream.read(min(_CHUNK, offset - position))):
            newlines += chunk.count(b"\n")
            position += len(chunk)
    return newlines + 1


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Returns (text, encoding) or raises TableError naming the failing line."""
    encoding, bom = _scan(lambda: io.BytesIO(data), name, Budget(Limits(unpacked=len(data))))
    text = data[3:].decode(encoding) if bom else data.decode(encoding)
    return text, "utf-8-sig" if bom else encoding


def _delimiter(header_line: str) -> str:
    return ";" if header_line.count(";") >= header_line.count(",") else ","


def normalise_column(name: str) -> str:
    return name.strip().lower()


def _lines(text: IO[str], name: str) -> Iterator[str]:
    """Physical lines, refusing one without an end in sight (a single line of a
    gigabyte would otherwise be read whole)."""
    number = 0
    while line := text.readline(MAX_LINE):
        number += 1
        if len(line) == MAX_LINE and line[-1] not in "\r\n":
            message = _("The line is longer than %(limit)s characters.") % {"limit": MAX_LINE}
            raise TableError([Problem(name, number, "", message)])
        yield line


@dataclass
class CsvStream:
    encoding: str
    delimiter: str
    columns: list[str]
    rows: Iterator[Row]


def open_csv(open_stream: Opener, name: str, budget: Budget | None = None) -> CsvStream:
    """Reads a CSV table from a stream that can be opened twice: once to find the
    encoding (and to count its size), once for the rows, which come one at a time.

    Nothing but TableError leaves here for any content of the file; errors of the
    stream itself (a broken ZIP member) are the caller's to translate.
    """
    budget = budget or Budget()
    limits = budget.limits
    encoding, bom = _scan(open_stream, name, budget)
    stream = open_stream()
    if bom:
        stream.read(3)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    lines = _lines(text, name)
    try:
        first = next(lines)
    except StopIteration:
        text.close()
        raise TableError([Problem(name, 1, "", _("The file is empty."))]) from None
    except TableError:
        text.close()
        raise
    delimiter = _delimiter(first.split("\n", 1)[0])
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = next(reader)
    except (csv.Error, StopIteration) as error:
        text.close()
        raise TableError([Problem(name, 1, "", _("The file is empty."))]) from error
    columns = [normalise_column(column) for column in header]
    try:
        check_header(columns, name, limits)
    except TableError:
        text.close()
        raise

    def rows() -> Iterator[Row]:
        previous_end, records = reader.line_num, 0
        with text:
            try:
                for cells in reader:
                    line = previous_end + 1
                    previous_end = reader.line_num
                    records += 1
                    if records > limits.rows:
                        raise too_many_rows(name, line, limits)
                    if not any(cell.strip() for cell in cells):
                        continue  # empty rows, as Excel leaves them at the end
                    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                        raise TableError(
                            [Problem(name, line, "", _("The row has more cells than the header."))]
                        )
                    yield Row(line, dict(zip(columns, cells, strict=False)))
            except csv.Error as error:
                raise TableError([Problem(name, reader.line_num, "", str(error))]) from error

    return CsvStream("utf-8-sig" if bom else encoding, delimiter, columns, rows())


def iter_csv(data: bytes, name: str) -> tuple[list[str], Iterator[Row]]:
    """The normalised header and a lazy iterator over the non-empty rows."""
    table = open_csv(lambda: io.BytesIO(data), name)
    return table.columns, table.rows


def read_csv(data: bytes, name: str) -> Table:
    table = open_csv(lambda: io.BytesIO(data), name)
    return Table(name, table.encoding, table.delimiter, table.columns, list(table.rows))


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
