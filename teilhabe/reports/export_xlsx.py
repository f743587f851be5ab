"""The annual report as an Excel workbook (openpyxl): a sheet about the report, the key
figures, then one sheet per table. Numbers stay numbers: counts as integers, shares as
fractions with a percent format (41.34 % is stored as 0.4134), both years side by side."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from teilhabe.reports.presentation import AnnualReport, Table

PERCENT = "0.00%"
INTEGER = "#,##0"
INVALID_IN_SHEET_NAMES = str.maketrans({char: " " for char in "[]:*?/\\"})


def _share(value: float | int | None) -> float | None:
    return None if value is None else round(value / 100, 6)


def _sheet(workbook: Workbook, title: str) -> Worksheet:
    name = title.translate(INVALID_IN_SHEET_NAMES)[:31]
    return workbook.create_sheet(name)


def _header(sheet: Worksheet, names: Sequence[Any], widths: Sequence[int]) -> None:
    sheet.append(list(names))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def _notes(sheet: Worksheet, lines: Sequence[str], columns: int) -> None:
    """Text under a table (definitions, unknowns), wrapped over the table's width."""
    sheet.append([])
    for line in lines:
        if not line:
            continue
        sheet.append([line])
        row = sheet.max_row
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
        sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * (1 + len(line) // 90)


def _about(workbook: Workbook, report: AnnualReport) -> None:
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Report")[:31]
    _header(sheet, [_("Annual report"), str(report.year)], [28, 70])
    rows = [
        (_("Organisation"), report.organisation_names),
        (_("Services"), ", ".join(report.service_names)),
        (_("Kind of case"), report.kind_label),
        (_("Reporting period"), f"01.01.{report.year} – 31.12.{report.year}"),
        (_("Created on"), report.created),
    ]
    for label, value in rows:
        sheet.append([label, value])
    sheet.cell(sheet.max_row, 2).number_format = "DD.MM.YYYY"
    sheet.cell(sheet.max_row, 2).alignment = Alignment(horizontal="left")


def _key_figures(workbook: Workbook, report: AnnualReport) -> None:
    sheet = _sheet(workbook, _("Key figures"))
    years = [report.year] + ([report.previous_year] if report.previous_year else [])
    _header(sheet, [_("Figure"), *years, _("Definition")], [42, 12, 12, 90])
    for figure in report.key_figures():
        values = [figure.value] + ([figure.previous] if report.previous_year else [])
        if figure.is_share:
            values = [_share(value) for value in values]
        sheet.append([figure.label, *values, figure.definition])
        for column in range(2, 2 + len(values)):
            sheet.cell(sheet.max_row, column).number_format = (
                PERCENT if figure.is_share else INTEGER
            )
        sheet.cell(sheet.max_row, 2 + len(values)).alignment = Alignment(wrap_text=True)


def _table(workbook: Workbook, table: Table) -> None:
    sheet = _sheet(workbook, str(table.spec.short))
    years = [table.year] + ([table.previous_year] if table.previous_year else [])
    _header(sheet, [_("Category"), _("Code"), *years], [44, 22, 12, 12])
    number_format = PERCENT if table.is_share else INTEGER
    for row in table.rows:
        values = [row.value] + ([row.previous] if table.previous_year else [])
        if table.is_share:
            values = [_share(value) for value in values]
        sheet.append([row.label, row.code, *values])
        for column in range(3, 3 + len(values)):
            sheet.cell(sheet.max_row, column).number_format = number_format
    if table.unknown is not None:
        unknown = [table.unknown] + ([table.previous_unknown] if table.previous_year else [])
        without = (
            _("cases without the value")
            if table.spec.over_cases
            else _("clients without the value")
        )
        sheet.append([without, "", *unknown])
    _notes(sheet, [str(table.spec.title), table.definition, table.base_note()], 2 + len(years))


def as_xlsx(report: AnnualReport) -> bytes:
    workbook = Workbook()
    _about(workbook, report)
    _key_figures(workbook, report)
    for table in report.tables():
        _table(workbook, table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
