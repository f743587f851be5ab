"""The plan report (shared/formats/plan.md) as JSON, CSV, XLSX and PDF.

The figures come from planning/figures.py; this module only lays them out, with the
titles of fields, goals, areas and programmes beside the codes, in the house style of
the annual report (export_pdf.py, export_xlsx.py).
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment

from teilhabe.funding.models import FundingProgramme
from teilhabe.organisations.models import Area
from teilhabe.planning.figures import STATUSES, plan_report
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Status
from teilhabe.reports.export_pdf import css_string, font_faces, page_numbers
from teilhabe.reports.export_xlsx import INTEGER, _header, _sheet
from teilhabe.reports.exports import as_json

FORMATS = ("json", "csv", "pdf", "xlsx")
BINARY = ("pdf", "xlsx")
EURO = '#,##0.00 "€"'
MEAN = "0.00"


@dataclass
class PlanReport:
    concept: Concept
    day: datetime.date
    figures: dict[str, Any]
    field_titles: dict[str, str]
    goal_titles: dict[str, str]
    area_names: dict[str, str]
    programme_titles: dict[str, str]
    created: datetime.date

    @classmethod
    def build(cls, concept: Concept, day: datetime.date) -> PlanReport:
        figures = plan_report(concept, day)
        return cls(
            concept=concept,
            day=day,
            figures=figures,
            field_titles=dict(
                FieldOfAction.objects.filter(concept=concept).values_list("code", "title")
            ),
            goal_titles=dict(Goal.objects.filter(concept=concept).values_list("code", "title")),
            area_names=dict(
                Area.objects.filter(code__in=list(figures["gebiete"])).values_list("code", "name")
            ),
            programme_titles=dict(
                FundingProgramme.objects.filter(
                    code__in=list(figures["foerderung_endet"])
                ).values_list("code", "title")
            ),
            created=timezone.localdate(),
        )

    @property
    def status_labels(self) -> list[str]:
        return [str(Status(code).label) for code in STATUSES]

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = self.figures["nach_status"]
        return [
            (label, counts[code]) for label, code in zip(self.status_labels, STATUSES, strict=True)
        ]

    def field_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "code": code,
                "title": self.field_titles.get(code, ""),
                **values,
                "statuses": [values["nach_status"][s] for s in STATUSES],
            }
            for code, values in self.figures["handlungsfelder"].items()
        ]

    def goal_rows(self) -> list[dict[str, Any]]:
        return [
            {"code": code, "title": self.goal_titles.get(code, ""), **values}
            for code, values in self.figures["ziele"].items()
        ]

    def area_rows(self) -> list[dict[str, Any]]:
        return [
            {"code": code, "name": self.area_names.get(code, ""), **values}
            for code, values in self.figures["gebiete"].items()
        ]

    def funding_rows(self) -> list[dict[str, Any]]:
        return [
            {"code": code, "title": self.programme_titles.get(code, ""), **values}
            for code, values in self.figures["foerderung_endet"].items()
        ]


def _number(value: Any) -> Any:
    """Floats with a decimal comma, as German Excel reads them; null stays empty."""
    if value is None:
        return ""
    return str(value).replace(".", ",") if isinstance(value, float) else value


def as_csv(report: PlanReport) -> str:
    """One line per figure: `bereich;code;kennzahl;wert`, semicolons, decimal comma,
    UTF-8 with BOM."""
    figures = report.figures
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["konzept", "stichtag", "bereich", "code", "kennzahl", "wert"])

    def row(area: str, code: str, key: str, value: Any) -> None:
        writer.writerow([figures["konzept"], figures["stichtag"], area, code, key, _number(value)])

    def block(area: str, code: str, values: dict[str, Any]) -> None:
        for key, value in values.items():
            if isinstance(value, dict):
                for sub, number in value.items():
                    row(area, code, f"{key}.{sub}", number)
            else:
                row(area, code, key, value)

    block("gesamt", "", {k: figures[k] for k in ("massnahmen", "nach_status", "stand_mittel")})
    row("gesamt", "", "kosten", figures["kosten"])
    for name, key in (
        ("handlungsfeld", "handlungsfelder"),
        ("ziel", "ziele"),
        ("gebiet", "gebiete"),
    ):
        for code, values in figures[key].items():
            block(name, code, values)
    for code in figures["ohne_fortschritt"]:
        row("ohne_fortschritt", code, "massnahme", code)
    for code, values in figures["foerderung_endet"].items():
        row("foerderung_endet", code, "ende", values["ende"])
        row("foerderung_endet", code, "massnahmen", "|".join(values["massnahmen"]))
    return "\ufeff" + buffer.getvalue()


def _table(
    workbook: Workbook,
    title: str,
    columns: list[tuple[str, int, str]],
    rows: list[list[Any]],
) -> None:
    """A sheet with a header of (name, width, number format) and the rows; integers
    without a format of their own get the integer format."""
    sheet = _sheet(workbook, title)
    _header(sheet, [name for name, _w, _f in columns], [width for _n, width, _f in columns])
    for values in rows:
        sheet.append(values)
        for cell, (_name, _width, number_format) in zip(
            sheet[sheet.max_row], columns, strict=False
        ):
            if number_format:
                cell.number_format = number_format
            elif isinstance(cell.value, int):
                cell.number_format = INTEGER


def as_xlsx(report: PlanReport) -> bytes:
    figures = report.figures
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = _("Report")[:31]
    _header(about, [_("Plan report"), report.concept.title], [34, 60])
    facts: list[tuple[str, Any]] = [
        (_("Concept"), f"{report.concept.slug} – {report.concept.title}"),
        (_("Reference date"), figures["stichtag"]),
        (_("Measures"), figures["massnahmen"]),
        *[
            (label, figures["nach_status"][s])
            for label, s in zip(report.status_labels, STATUSES, strict=True)
        ],
        (_("Mean degree of completion (without cancelled measures)"), figures["stand_mittel"]),
        (_("Planned cost (EUR)"), figures["kosten"]),
        (_("Created on"), report.created.strftime("%d.%m.%Y")),
    ]
    for label, value in facts:
        about.append([label, value])
        about.cell(about.max_row, 2).alignment = Alignment(horizontal="left")
    code, count = (_("Code"), 12, ""), (_("Measures"), 11, "")
    mean = (_("Mean degree of completion"), 14, MEAN)
    _table(
        workbook,
        _("Fields of action"),
        [
            code,
            (_("Field of action"), 44, ""),
            count,
            *[(label, 13, "") for label in report.status_labels],
            mean,
            (_("Planned cost (EUR)"), 16, EURO),
        ],
        [
            [r["code"], r["title"], r["massnahmen"], *r["statuses"], r["stand_mittel"], r["kosten"]]
            for r in report.field_rows()
        ],
    )
    _table(
        workbook,
        _("Goals"),
        [code, (_("Goal"), 60, ""), count, mean],
        [[r["code"], r["title"], r["massnahmen"], r["stand_mittel"]] for r in report.goal_rows()],
    )
    _table(
        workbook,
        _("Areas"),
        [code, (_("Area"), 40, ""), count, (_("Goals"), 11, "")],
        [[r["code"], r["name"], r["massnahmen"], r["ziele"]] for r in report.area_rows()],
    )
    _table(
        workbook,
        _("Without progress"),
        [(_("Measure"), 14, "")],
        [[measure] for measure in figures["ohne_fortschritt"]],
    )
    _table(
        workbook,
        _("Funding ending"),
        [
            code,
            (_("Funding programme"), 44, ""),
            (_("End of funding"), 14, ""),
            (_("Active measures"), 40, ""),
        ],
        [
            [r["code"], r["title"], r["ende"], ", ".join(r["massnahmen"])]
            for r in report.funding_rows()
        ],
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_html(report: PlanReport) -> str:
    running_head = _("Plan report on %(day)s") % {"day": report.figures["stichtag"]}
    context = {
        "report": report,
        "figures": report.figures,
        "fonts": font_faces(),
        "page_numbers": page_numbers(),
        "running_head": css_string(f"{report.concept.title} · {running_head}"),
    }
    return render_to_string("reports/plan_pdf.html", context)


def as_pdf(report: PlanReport) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=as_html(report)).write_pdf())


def export_plan(report: PlanReport, fmt: str) -> bytes:
    if fmt == "pdf":
        return as_pdf(report)
    if fmt == "xlsx":
        return as_xlsx(report)
    text = as_csv(report) if fmt == "csv" else as_json(report.figures)
    return text.encode("utf-8")
