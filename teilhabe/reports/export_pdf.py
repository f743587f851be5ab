"""The annual report as a PDF a team lead can send as it is (WeasyPrint): a cover,
the key figures, the sections with the SVG charts of charts.py and their tables, the
definitions as footnotes, "Page X of Y" at the foot of every page after the cover."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from teilhabe.core.pdf_pages import css_string as css_string  # re-exported
from teilhabe.core.pdf_pages import font_faces as font_faces  # re-exported
from teilhabe.core.pdf_pages import page_numbers as page_numbers  # re-exported
from teilhabe.reports import charts
from teilhabe.reports.presentation import AnnualReport


def as_html(report: AnnualReport) -> str:
    sections = [
        (section, [(table, charts.chart(table)) for table in section.tables])
        for section in report.sections()
    ]
    running_head = _("Annual report %(year)s") % {"year": report.year}
    context = {
        "report": report,
        "sections": sections,
        "fonts": font_faces(),
        "page_numbers": page_numbers(),
        "running_head": css_string(f"{report.organisation_names} · {running_head}"),
    }
    return render_to_string("reports/annual_pdf.html", context)


def as_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=as_html(report)).write_pdf())
