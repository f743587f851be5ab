"""The yearly funding report (`yearly.py`) as page, PDF and XLSX, for those who read
the funds (`funding.view_programmes`: the coordinator and team leads). Aggregates only:
no applicant is named."""

from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core import pdf_pages as pdf
from teilhabe.core.access import requires
from teilhabe.core.pdf_pages import css_string, page_numbers
from teilhabe.core.spreadsheet_safety import spreadsheet_text
from teilhabe.proofs import yearly

readers = requires("funding.view_programmes")


def _report(request: HttpRequest) -> tuple[int, list[yearly.ProgrammeReport]]:
    year = params.year(request.GET, default=timezone.localdate().year)
    return year, yearly.report(
        year, _("no field of action named"), _("city-wide"), _("the city's own budget")
    )


@readers
def report_page(request: HttpRequest) -> HttpResponse:
    year, programmes = _report(request)
    return render(request, "proofs/yearly.html", {"year": year, "programmes": programmes})


@readers
def report_pdf(request: HttpRequest) -> HttpResponse:
    """The page's tables as a document the coordinator sends to the council as it is."""
    year, programmes = _report(request)
    title = f"{_('Yearly funding report')} {year}"
    context = {
        "year": year,
        "programmes": programmes,
        "title": title,
        "created": timezone.localdate(),
        "page_numbers": page_numbers(),
        "running_head": css_string(title),
    }
    response = HttpResponse(pdf.render("proofs/yearly_pdf.html", context), "application/pdf")
    response["Content-Disposition"] = f'attachment; filename="foerderbericht-{year}.pdf"'
    return response


@readers
def report_xlsx(request: HttpRequest) -> HttpResponse:
    from openpyxl import Workbook

    year, programmes = _report(request)
    workbook = Workbook()
    money = workbook.active
    assert money is not None
    money.title = _("Money")[:31]
    money.append([_("Programme"), _("Fund"), _("Budget"), _("Committed"), _("Paid"), _("Free")])
    statuses = workbook.create_sheet(_("Applications")[:31])
    statuses.append([_("Fund"), _("Status"), _("Applications")])
    projects = workbook.create_sheet(_("Projects")[:31])
    projects.append([_("Fund"), _("By"), _("Group"), _("Projects"), _("Granted")])
    for programme in programmes:
        for fund in programme.funds:
            name = spreadsheet_text(fund.fund.name)
            figures = fund.money
            money.append(
                [
                    spreadsheet_text(programme.label),
                    name,
                    *(float(v) for v in (figures.budget, figures.committed, figures.paid)),
                    float(figures.free),
                ]
            )
            for label, count in fund.by_status:
                statuses.append([name, label, count])
            for by, groups in (
                (_("field of action"), fund.by_field),
                (_("district"), fund.by_district),
            ):
                for group in groups:
                    projects.append(
                        [
                            name,
                            by,
                            spreadsheet_text(group.label),
                            group.projects,
                            float(group.granted),
                        ]
                    )
    for row in money.iter_rows(min_row=2, min_col=3):
        for cell in row:
            cell.number_format = "#,##0.00"
    out = io.BytesIO()
    workbook.save(out)
    response = HttpResponse(
        out.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="foerderbericht-{year}.xlsx"'
    return response
