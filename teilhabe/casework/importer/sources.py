"""Where the tables of a casework import come from: a folder, a ZIP or an XLSX workbook.

Each source yields, per table name (personen, faelle, kontakte, ziele), the file name
used in messages, the normalised header and a lazy iterator over its rows.
"""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.tabular import Problem, Row, TableError, iter_csv, normalise_column

TABLES = ("personen", "faelle", "kontakte", "ziele")
REQUIRED_TABLES = ("personen", "faelle")


@dataclass
class SourceTable:
    file: str
    columns: list[str]
    rows: Iterator[Row]


def open_tables(path: Path) -> dict[str, SourceTable]:
    if path.is_dir():
        tables = _from_files({p.name: p.read_bytes() for p in path.iterdir() if _is_table(p.name)})
    elif path.suffix.lower() == ".zip":
        tables = _from_zip(path)
    elif path.suffix.lower() in {".xlsx", ".xlsm"}:
        tables = _from_xlsx(path)
    else:
        raise TableError(
            [Problem(path.name, 1, "", _("Expected a folder, a ZIP or an XLSX file."))]
        )
    missing = [name for name in REQUIRED_TABLES if name not in tables]
    if missing:
        raise TableError(
            [Problem(f"{name}.csv", 1, "", _("The table is missing.")) for name in missing]
        )
    return tables


def _is_table(file_name: str) -> bool:
    name = Path(file_name)
    return name.suffix.lower() == ".csv" and name.stem.lower() in TABLES


def _from_files(contents: dict[str, bytes]) -> dict[str, SourceTable]:
    tables = {}
    for file_name, data in contents.items():
        columns, rows = iter_csv(data, Path(file_name).name)
        tables[Path(file_name).stem.lower()] = SourceTable(Path(file_name).name, columns, rows)
    return tables


def _from_zip(path: Path) -> dict[str, SourceTable]:
    try:
        with zipfile.ZipFile(path) as archive:
            contents = {name: archive.read(name) for name in archive.namelist() if _is_table(name)}
    except zipfile.BadZipFile as error:
        raise TableError([Problem(path.name, 1, "", _("Not a valid ZIP file."))]) from error
    return _from_files(contents)


def _cell_text(value: Any) -> str:
    """Excel cells come as dates, numbers or text; the checks expect text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _from_xlsx(path: Path) -> dict[str, SourceTable]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise TableError([Problem(path.name, 1, "", _("Not a readable XLSX file."))]) from error
    tables = {}
    for sheet in workbook.worksheets:
        name = sheet.title.strip().lower()
        if name not in TABLES:
            continue
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None) or ()
        columns = [normalise_column(_cell_text(cell)) for cell in header]

        def lines(rows: Any = rows, columns: list[str] = columns) -> Iterator[Row]:
            for number, cells in enumerate(rows, start=2):
                texts = [_cell_text(cell) for cell in cells]
                if any(text.strip() for text in texts):
                    yield Row(number, dict(zip(columns, texts, strict=False)))

        tables[name] = SourceTable(f"{path.name}[{name}]", columns, lines())
    return tables
