"""The plan synopsis (planning/synopsis.py) as PDF and XLSX: the document a coordinator
sends to the council as it is, and the same rows for those who work on in Excel. Lays
out the synopsis only; it computes nothing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format as localized
from django.utils.translation import gettext as _
from openpyxl import Workbook

from teilhabe.planning.synopsis import Synopsis, SynopsisMeasure
from teilhabe.reports.export_pdf import css_string, font_faces, page_numbers
from teilhabe.reports.export_xlsx import INTEGER, _header
from teilhabe.reports.plan_exports import EURO, MEAN

FORMATS = ("pdf", "xlsx", "csv", "json")
# The keys of the CSV header and of each JSON measure, in German like plan.md's report.
KEYS = [
    "handlungsfeld",
    "ziel",
    "massnahme",
    "titel",
    "federfuehrung",
    "status_vorher",
    "status",
    "stand_vorher",
    "stand",
    "kosten",
    "foerderprogramm",
    "foerderung_endet",
    "indikatoren",
    "eintraege_seit",
]


def _indicators(measure: SynopsisMeasure) -> str:
    parts = []
    for item in measure.indicators:
        indicator = item.indicator
        year = f" ({indicator.year})" if indicator.year else ""
        baseline = "–" if indicator.baseline is None else localized(indicator.baseline)
        target = "–" if indicator.target is None else localized(indicator.target)
        value = "" if item.value is None else f"; {item.value} ({item.source})"
        parts.append(f"{indicator.name}: {baseline} → {target}{year}{value}")
    return "; ".join(parts)


def rows(synopsis: Synopsis) -> list[list[Any]]:
    """One row per measure and goal it names, in the order of the page."""
    out: list[list[Any]] = []
    for item in synopsis.fields:
        for entry in item.goals:
            for m in entry.measures:
                measure = m.now.measure
                out.append(
                    [
                        item.field_of_action.code,
                        entry.goal.code,
                        measure.code,
                        measure.title,
                        measure.lead.name if measure.lead else "",
                        m.before.status_label,
                        m.now.status_label,
                        m.before.stand,
                        m.now.stand,
                        float(measure.planned_cost) if measure.planned_cost is not None else None,
                        measure.funding.code if measure.funding else "",
                        measure.funding.ends_on if measure.funding else None,
                        _indicators(m),
                        m.entries_since,
                    ]
                )
    return out


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def as_json(synopsis: Synopsis) -> str:
    """The synopsis as data: both dates, per field its counts, means and change, and the
    measure rows of the page (status and stand on both dates) under their field."""
    fields = []
    rows_by_field: dict[str, list[dict[str, Any]]] = {}
    for values in rows(synopsis):
        rows_by_field.setdefault(values[0], []).append(
            dict(zip(KEYS, map(_plain, values), strict=True))
        )
    for item in synopsis.fields:
        code = item.field_of_action.code
        fields.append(
            {
                "code": code,
                "titel": item.field_of_action.title,
                "massnahmen": item.now.count,
                "stand_mittel_vorher": item.before.stand_mean,
                "stand_mittel": item.now.stand_mean,
                "veraenderung": item.mean_change,
                "kosten": float(item.now.cost),
                "zeilen": rows_by_field.get(code, []),
            }
        )
    document = {
        "konzept": synopsis.concept.slug,
        "stichtag": synopsis.day.isoformat(),
        "vergleich": synopsis.since.isoformat(),
        "massnahmen": synopsis.now.count,
        "stand_mittel_vorher": synopsis.before.stand_mean,
        "stand_mittel": synopsis.now.stand_mean,
        "handlungsfelder": fields,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def as_csv(synopsis: Synopsis) -> str:
    """The measure rows of the XLSX's first sheet: semicolons, decimal comma, dates
    TT.MM.JJJJ, UTF-8 with BOM (as German Excel opens it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(KEYS)
    for values in rows(synopsis):
        writer.writerow(
            [
                value.strftime("%d.%m.%Y")
                if hasattr(value, "strftime")
                else (str(value).replace(".", ",") if isinstance(value, float) else value)
                for value in values
            ]
        )
    return "\ufeff" + buffer.getvalue()


def export_synopsis(synopsis: Synopsis, fmt: str) -> bytes:
    if fmt == "pdf":
        return as_pdf(synopsis)
    if fmt == "xlsx":
        return as_xlsx(synopsis)
    return (as_csv(synopsis) if fmt == "csv" else as_json(synopsis)).encode("utf-8")


def as_xlsx(synopsis: Synopsis) -> bytes:
    since, day = synopsis.since.strftime("%d.%m.%Y"), synopsis.day.strftime("%d.%m.%Y")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Synopsis")[:31]
    columns = [
        (_("Field of action"), 10, ""),
        (_("Goal"), 10, ""),
        (_("Measure"), 10, ""),
        (_("Title"), 40, ""),
        (_("Lead"), 28, ""),
        (_("Status on %(day)s") % {"day": since}, 16, ""),
        (_("Status on %(day)s") % {"day": day}, 16, ""),
        (_("Degree of completion on %(day)s") % {"day": since}, 14, INTEGER),
        (_("Degree of completion on %(day)s") % {"day": day}, 14, INTEGER),
        (_("Planned cost (EUR)"), 16, EURO),
        (_("Funding programme"), 14, ""),
        (_("End of funding"), 14, "DD.MM.YYYY"),
        (_("Indicators"), 40, ""),
        (_("Entries since %(day)s") % {"day": since}, 14, INTEGER),
    ]
    _header(sheet, [name for name, _w, _f in columns], [width for _n, width, _f in columns])
    for values in rows(synopsis):
        sheet.append(values)
        for cell, (_name, _width, number_format) in zip(sheet[sheet.max_row], columns, strict=True):
            if number_format and cell.value is not None:
                cell.number_format = number_format
    fields = workbook.create_sheet(_("Fields of action")[:31])
    _header(
        fields,
        [
            _("Field of action"),
            _("Measures"),
            _("Mean degree of completion on %(day)s") % {"day": since},
            _("Mean degree of completion on %(day)s") % {"day": day},
            _("Change (percentage points)"),
            _("Planned cost (EUR)"),
        ],
        [44, 11, 16, 16, 16, 16],
    )
    for item in synopsis.fields:
        fields.append(
            [
                f"{item.field_of_action.code} {item.field_of_action.title}",
                item.now.count,
                item.before.stand_mean,
                item.now.stand_mean,
                item.mean_change,
                item.now.cost,
            ]
        )
        for cell, number_format in zip(
            fields[fields.max_row][2:], [MEAN, MEAN, MEAN, EURO], strict=True
        ):
            cell.number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def as_html(synopsis: Synopsis) -> str:
    title = _("Synopsis on %(day)s") % {"day": synopsis.day.strftime("%d.%m.%Y")}
    context = {
        "synopsis": synopsis,
        "created": timezone.localdate(),
        "fonts": font_faces(),
        "page_numbers": page_numbers(),
        "running_head": css_string(f"{synopsis.concept.title} · {title}"),
    }
    return render_to_string("reports/plan_synopsis_pdf.html", context)


def as_pdf(synopsis: Synopsis) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=as_html(synopsis)).write_pdf())
