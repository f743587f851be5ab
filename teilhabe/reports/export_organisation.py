"""The organisation report (organisation.py) as a file: PDF (WeasyPrint), XLSX (one sheet
per table, its title in the first row, numbers as numbers), CSV (one line per cell with
stable codes, German Excel's semicolons and decimal comma) and JSON (the engines' keys).

Text that users typed (titles, places, partners, names) is never read as a formula:
XLSX cells are stored as strings, and CSV cells starting with = + - @ get a leading
apostrophe, as spreadsheet programs expect.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from teilhabe.core.spreadsheet_safety import spreadsheet_text
from teilhabe.reports.export_pdf import css_string, font_faces, page_numbers
from teilhabe.reports.organisation import OrganisationReport
from teilhabe.reports.presentation import number, percent
from teilhabe.reports.report_tables import Cell, Fixed, ReportSection, ReportTable, Share

INVALID_IN_SHEET_NAMES = str.maketrans({char: " " for char in "[]:*?/\\"})


def _plain_decimal(value: Decimal) -> str:
    """7.50 (PostgreSQL) and 7.5 (SQLite) alike: "7.5"; 10.00: "10"."""
    return format(value.normalize(), "f")


def display(cell: Cell) -> str:
    """A cell for people: 1.234, 45,0, 41,34 %, 05.03.2024, – for nothing."""
    if cell is None:
        return "–"
    if isinstance(cell, Share):
        return percent(cell.value)
    if isinstance(cell, Fixed):
        return number(cell.value, cell.places)
    if isinstance(cell, int):
        return number(cell)
    if isinstance(cell, Decimal):
        places = len(_plain_decimal(cell).partition(".")[2])
        return number(float(cell), min(places, 2))
    if isinstance(cell, float):
        return number(cell, 2)
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


def display_rows(table: ReportTable) -> list[list[tuple[str, bool]]]:
    """The table's rows as (text, numeric) cells, for the page and the PDF."""
    return [
        [(display(cell), column.numeric) for cell, column in zip(row, table.columns, strict=True)]
        for row in table.rows
    ]


def laid_out(report: OrganisationReport) -> list[tuple[ReportSection, list[Any]]]:
    return [
        (section, [(table, display_rows(table)) for table in section.tables])
        for section in report.sections()
    ]


def as_html(report: OrganisationReport) -> str:
    title = _("Organisation report %(year)s") % {"year": report.year}
    context = {
        "report": report,
        "sections": laid_out(report),
        "fonts": font_faces(),
        "page_numbers": page_numbers(),
        "running_head": css_string(f"{report.organisation.name} · {title}"),
    }
    return render_to_string("reports/organisation_pdf.html", context)


def as_pdf(report: OrganisationReport) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=as_html(report)).write_pdf())


# --- XLSX -------------------------------------------------------------------------


def _sheet_name(title: str, taken: set[str]) -> str:
    base = title.translate(INVALID_IN_SHEET_NAMES).strip()[:31]
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name.lower())
    return name


def _write(sheet: Worksheet, row: int, column: int, cell: Cell) -> None:
    target = sheet.cell(row, column)
    if isinstance(cell, Share):
        target.value, target.number_format = round(cell.value / 100, 6), "0.00%"
    elif isinstance(cell, Fixed):
        target.value = cell.value
        target.number_format = "#,##0." + "0" * cell.places if cell.places else "#,##0"
    elif isinstance(cell, Decimal | float):
        target.value, target.number_format = float(cell), "#,##0.0#"
    elif isinstance(cell, int):
        target.value, target.number_format = cell, "#,##0"
    elif isinstance(cell, datetime.date):
        target.value, target.number_format = cell, "DD.MM.YYYY"
    elif cell is not None:
        target.value = ILLEGAL_CHARACTERS_RE.sub("", str(cell))
        target.data_type = "s"  # typed text, never a formula


def _table_sheet(workbook: Workbook, table: ReportTable, taken: set[str]) -> None:
    sheet = workbook.create_sheet(_sheet_name(table.short, taken))
    _write(sheet, 1, 1, table.title)
    sheet.cell(1, 1).font = Font(bold=True, size=12)
    for index, column in enumerate(table.columns, start=1):
        _write(sheet, 2, index, column.label)
        sheet.cell(2, index).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = 14 if column.numeric else 36
    sheet.freeze_panes = "A3"
    for number_of_row, row in enumerate(table.rows, start=3):
        for index, cell in enumerate(row, start=1):
            _write(sheet, number_of_row, index, cell)
    if table.note:
        _write(sheet, sheet.max_row + 2, 1, table.note)


def as_xlsx(report: OrganisationReport) -> bytes:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = _("Report")[:31]
    facts: list[tuple[str, Cell]] = [
        (_("Organisation report"), str(report.year)),
        (_("Organisation"), report.organisation.name),
        (_("Reporting period"), f"01.01.{report.year} – 31.12.{report.year}"),
        (_("Created on"), report.created),
    ]
    for row, (label, value) in enumerate(facts, start=1):
        _write(about, row, 1, label)
        _write(about, row, 2, value)
    about.cell(len(facts), 2).alignment = Alignment(horizontal="left")
    about["A1"].font = about["B1"].font = Font(bold=True)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 28, 60
    taken = {about.title.lower()}
    for section in report.sections():
        for table in section.tables:
            _table_sheet(workbook, table, taken)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV, JSON --------------------------------------------------------------------


def _csv_value(cell: Cell) -> tuple[str, str]:
    """(value, unit): shares as percentages with the unit `prozent`."""
    if cell is None:
        return "", ""
    if isinstance(cell, Share):
        return str(cell.value).replace(".", ","), "prozent"
    if isinstance(cell, Fixed):
        return str(cell.value).replace(".", ","), ""
    if isinstance(cell, Decimal):
        return _plain_decimal(cell).replace(".", ","), ""
    if isinstance(cell, int | float):
        return str(cell).replace(".", ","), ""
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y"), "datum"
    return spreadsheet_text(str(cell)), ""


def as_csv(report: OrganisationReport) -> str:
    """One line per cell: section, table, row code (stable), row label, column, value,
    unit."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["abschnitt", "tabelle", "zeile", "bezeichnung", "spalte", "wert", "einheit"])
    for section in report.sections():
        for table in section.tables:
            for code, row in zip(table.row_codes(), table.rows, strict=True):
                label = _csv_value(row[0])[0]
                for column, cell in zip(table.columns[1:], row[1:], strict=True):
                    value, unit = _csv_value(cell)
                    writer.writerow(
                        [
                            section.key,
                            table.key,
                            spreadsheet_text(code),
                            label,
                            column.label,
                            value,
                            unit,
                        ]
                    )
    return "\ufeff" + buffer.getvalue()


def as_json(report: OrganisationReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


def export(report: OrganisationReport, fmt: str) -> bytes:
    if fmt == "pdf":
        return as_pdf(report)
    if fmt == "xlsx":
        return as_xlsx(report)
    return (as_csv(report) if fmt == "csv" else as_json(report)).encode("utf-8")
