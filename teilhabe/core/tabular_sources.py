"""Where the tables of an import come from: a folder, a ZIP or an XLSX workbook.

Each source yields, per table name the importer knows (e.g. handlungsfelder, ziele),
the file name used in messages, the normalised header and a lazy iterator over its
rows. The importers of the apps name their tables and check and store the rows; this
module, on top of core.tabular, only reads.

Every source is read as a stream within the limits of core.tabular.Limits: a ZIP that
unpacks to gigabytes or a workbook that claims a million rows of 16,384 columns is
refused in seconds, not read into memory. A broken, encrypted or oddly compressed
member is a problem of the file, never an exception of the job.
"""

from __future__ import annotations

import datetime
import lzma
import zipfile
import zlib
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from teilhabe.core.tabular import (
    Budget,
    Limits,
    Opener,
    Problem,
    Row,
    TableError,
    check_header,
    normalise_column,
    open_csv,
    too_many_rows,
)

# What zipfile raises for a member it cannot unpack: a damaged deflate stream
# (zlib.error), a wrong checksum (BadZipFile), a cut-off member (EOFError), a broken
# bzip2 stream (OSError), a password (RuntimeError), an unknown method
# (NotImplementedError).
UNPACK_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    RuntimeError,
    NotImplementedError,
)
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass
class SourceTable:
    file: str
    columns: list[str]
    rows: Iterator[Row]


def open_tables(
    path: Path,
    names: Collection[str],
    required: Collection[str] = (),
    limits: Limits | None = None,
) -> dict[str, SourceTable]:
    """The tables `names` found at `path` (a folder, ZIP or XLSX), keyed by name;
    TableError when one of `required` is missing or the source cannot be read."""
    budget = Budget(limits)
    if path.is_dir():
        tables = _from_folder(path, names, budget)
    elif path.suffix.lower() == ".zip":
        tables = _from_zip(path, names, budget)
    elif path.suffix.lower() in {".xlsx", ".xlsm"}:
        tables = _from_xlsx(path, names, budget)
    else:
        raise TableError(
            [Problem(path.name, 1, "", _("Expected a folder, a ZIP or an XLSX file."))]
        )
    missing = [name for name in required if name not in tables]
    if missing:
        raise TableError(
            [Problem(f"{name}.csv", 1, "", _("The table is missing.")) for name in missing]
        )
    return tables


def _is_table(file_name: str, names: Collection[str]) -> bool:
    name = Path(file_name)
    return name.suffix.lower() == ".csv" and name.stem.lower() in names


def _damaged(file: str) -> TableError:
    return TableError([Problem(file, 1, "", _("The file is damaged and cannot be unpacked."))])


def _guarded(rows: Iterator[Row], file: str) -> Iterator[Row]:
    """The rows, with a member that turns out broken half-way reported as a problem."""
    try:
        yield from rows
    except UNPACK_ERRORS as error:
        raise _damaged(file) from error


def _from_streams(openers: Iterable[tuple[str, Opener]], budget: Budget) -> dict[str, SourceTable]:
    tables: dict[str, SourceTable] = {}
    for file_name, opener in openers:
        name, key = Path(file_name).name, Path(file_name).stem.lower()
        if key in tables:
            raise TableError([Problem(name, 1, "", _("The table appears more than once."))])
        try:
            table = open_csv(opener, name, budget)
        except UNPACK_ERRORS as error:
            raise _damaged(name) from error
        tables[key] = SourceTable(name, table.columns, _guarded(table.rows, name))
    return tables


def _from_folder(path: Path, names: Collection[str], budget: Budget) -> dict[str, SourceTable]:
    files = sorted(p for p in path.iterdir() if _is_table(p.name, names))

    def opener(file: Path) -> Opener:
        return lambda: file.open("rb")

    return _from_streams(((file.name, opener(file)) for file in files), budget)


def _check_members(file: str, members: list[zipfile.ZipInfo], budget: Budget) -> None:
    """Refuses what cannot be unpacked before unpacking anything; the sizes in the
    directory bound what zipfile reads, so the sum of them is checked against the
    budget at once (the reading counts again, for a directory that lies)."""
    problems = []
    for member in members:
        name = Path(member.filename).name
        if member.flag_bits & 0x1:
            message = _("The file is encrypted; upload it without a password.")
            problems.append(Problem(file, 1, "", f"{name}: {message}"))
        elif member.compress_type not in _METHODS:
            message = _("The file is compressed with a method that is not supported.")
            problems.append(Problem(file, 1, "", f"{name}: {message}"))
    if problems:
        raise TableError(problems)
    if sum(member.file_size for member in members) > budget.left:
        raise TableError([Problem(file, 1, "", budget.message())])


def _from_zip(path: Path, names: Collection[str], budget: Budget) -> dict[str, SourceTable]:
    try:
        archive = zipfile.ZipFile(path)
    except (*UNPACK_ERRORS, ValueError) as error:
        raise TableError([Problem(path.name, 1, "", _("Not a valid ZIP file."))]) from error
    members = [info for info in archive.infolist() if _is_table(info.filename, names)]
    _check_members(path.name, members, budget)

    def opener(member: zipfile.ZipInfo) -> Opener:
        def open_member() -> IO[bytes]:
            return archive.open(member)

        return open_member

    # The archive stays open while the rows are read; it closes with its last stream.
    return _from_streams(((m.filename, opener(m)) for m in members), budget)


def _cell_text(value: Any) -> str:
    """Excel cells come as dates, numbers or text; the checks expect text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_workbook(path: Path, budget: Budget) -> None:
    """The parts of a workbook other than its sheets (shared strings, styles) are read
    whole by openpyxl, so they get a quarter of the budget; the sheets are streamed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (*UNPACK_ERRORS, ValueError) as error:
        raise TableError([Problem(path.name, 1, "", _("Not a readable XLSX file."))]) from error
    _check_members(path.name, members, budget)
    whole = sum(m.file_size for m in members if not m.filename.startswith("xl/worksheets/"))
    if whole > budget.limits.unpacked // 4:
        raise TableError([Problem(path.name, 1, "", budget.message())])
    budget.take(sum(m.file_size for m in members), path.name)


def _guarded_sheet(rows: Iterator[Row], file: str) -> Iterator[Row]:
    """As _guarded; openpyxl raises whatever its XML parser or cell conversion finds
    (ParseError, ValueError, KeyError...), all of them problems of the file."""
    try:
        yield from rows
    except TableError:
        raise
    except Exception as error:
        raise _damaged(file) from error


def _sheet_rows(
    file: str, columns: list[str], limits: Limits, rows: Iterator[Any]
) -> Iterator[Row]:
    for number, cells in enumerate(rows, start=2):
        if number > limits.rows + 1:
            raise too_many_rows(file, number, limits)
        if len(cells) > limits.columns:
            message = _("The table has more than %(limit)s columns.") % {"limit": limits.columns}
            raise TableError([Problem(file, number, "", message)])
        texts = [_cell_text(cell) for cell in cells]
        if any(text.strip() for text in texts):
            yield Row(number, dict(zip(columns, texts, strict=False)))


def _from_xlsx(path: Path, names: Collection[str], budget: Budget) -> dict[str, SourceTable]:
    from openpyxl import load_workbook

    _check_workbook(path, budget)
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise TableError([Problem(path.name, 1, "", _("Not a readable XLSX file."))]) from error
    tables = {}
    for sheet in workbook.worksheets:
        name = sheet.title.strip().lower()
        if name not in names:
            continue
        file = f"{path.name}[{name}]"
        # The dimension the file claims (it may say A1:XFD1048576) is not trusted:
        # without it, openpyxl returns the cells that are there, not padded rows.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        try:
            header = next(rows, None) or ()
        except Exception as error:  # openpyxl raises what its XML parser finds
            raise _damaged(file) from error
        columns = [normalise_column(_cell_text(cell)) for cell in header]
        check_header(columns, file, budget.limits)
        lines = _sheet_rows(file, columns, budget.limits, rows)
        tables[name] = SourceTable(file, columns, _guarded_sheet(lines, file))
    return tables
