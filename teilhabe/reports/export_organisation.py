"""The organisation report (organisation.py) as a file: PDF (WeasyPrint), XLSX (one sheet
per table, numbers as numbers), CSV (one line per cell, German Excel's semicolons and
decimal comma) and JSON (the engines' own keys)."""

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
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from teilhabe.reports.export_pdf import css_string, font_faces, page_numbers
from teilhabe.reports.organisation import (
    Cell,
    OrganisationReport,
    ReportSection,
    ReportTable,
    Share,
)
from teilhabe.reports.presentation import number, percent

INVALID_IN_SHEET_NAMES = str.maketrans({char: " " for char in "[]:*?/\\"})


def display(cell: Cell) -> str:
    """A cell for people: 1.234, 16,7, 41,34 %, 05.03.2024, – for nothing."""
    if cell is None:
        return "–"
    if isinstance(cell, Share):
        return percent(cell.value)
    if isinstance(cell, bool):
        return str(cell)
    if isinstance(cell, int):
        return number(cell)
    if isinstance(cell, float | Decimal):
        exponent = Decimal(str(cell)).normalize().as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return number(float(cell), min(decimals, 2))
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


def _sheet_name(title: str, taken: set[str]) -> str:
    base = title.translate(INVALID_IN_SHEET_NAMES).strip()[:31]
    name, counter = base, 2
    while name.lower() in taken:
        suffix = f" ({counter})"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    taken.add(name.lower())
    return name


def as_xlsx(report: OrganisationReport) -> bytes:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = _("Report")[:31]
    about.append([_("Organisation report"), str(report.year)])
    about.append([_("Organisation"), report.organisation.name])
    about.append([_("Reporting period"), f"01.01.{report.year} – 31.12.{report.year}"])
    about.append([_("Created on"), report.created])
    about.cell(about.max_row, 2).number_format = "DD.MM.YYYY"
    about.cell(about.max_row, 2).alignment = Alignment(horizontal="left")
    about["A1"].font = about["B1"].font = Font(bold=True)
    about.column_dimensions["A"].width, about.column_dimensions["B"].width = 28, 60
    taken = {about.title.lower()}
    for section in report.sections():
        for table in section.tables:
            sheet = workbook.create_sheet(_sheet_name(table.title, taken))
            sheet.append([column.label for column in table.columns])
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            for index, column in enumerate(table.columns, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = (
                    14 if column.numeric else 36
                )
            sheet.freeze_panes = "A2"
            for row in table.rows:
                sheet.append([_xlsx_value(cell) for cell in row])
                for index, cell in enumerate(row, start=1):
                    target = sheet.cell(sheet.max_row, index)
                    if isinstance(cell, Share):
                        target.number_format = "0.00%"
                    elif isinstance(cell, datetime.date):
                        target.number_format = "DD.MM.YYYY"
                    elif isinstance(cell, float | Decimal):
                        target.number_format = "#,##0.0#"
                    elif isinstance(cell, int):
                        target.number_format = "#,##0"
            if table.note:
                sheet.append([])
                sheet.append([table.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: Cell) -> object:
    if isinstance(cell, Share):
        return round(cell.value / 100, 6)
    if isinstance(cell, Decimal):
        return float(cell)
    return cell


def _csv_value(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, Share):
        cell = cell.value
    if isinstance(cell, Decimal):  # 7.50 from PostgreSQL, 7.5 from SQLite: the same
        return format(cell.normalize(), "f").replace(".", ",")
    if isinstance(cell, float):
        return str(cell).replace(".", ",")
    if isinstance(cell, datetime.date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


def as_csv(report: OrganisationReport) -> str:
    """One line per cell: section, table, row (its first cell), column, value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["abschnitt", "tabelle", "zeile", "spalte", "wert"])
    for section in report.sections():
        for table in section.tables:
            for row in table.rows:
                label = _csv_value(row[0])
                for column, cell in zip(table.columns[1:], row[1:], strict=True):
                    writer.writerow([section.key, table.key, label, column.label, _csv_value(cell)])
    return "\ufeff" + buffer.getvalue()


def as_json(report: OrganisationReport) -> str:
    return json.dumps(report.as_json(), ensure_ascii=False, indent=2)


CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def export(report: OrganisationReport, fmt: str) -> bytes:
    if fmt == "pdf":
        return as_pdf(report)
    if fmt == "xlsx":
        return as_xlsx(report)
    return (as_csv(report) if fmt == "csv" else as_json(report)).encode("utf-8")
