"""The annual report of a service for team leads: the page with charts and tables, and
its exports (PDF, XLSX, CSV, JSON) with the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.reports import charts
from teilhabe.reports.exports import export
from teilhabe.reports.forms import ALL, AnnualReportForm, downloads
from teilhabe.reports.presentation import AnnualReport, annual_report
from teilhabe.reports.responses import CONTENT_TYPES, report_download
from teilhabe.reports.selectors import ReportOption, report_options

view_service_report = requires("reports.view_service_report")


@dataclass(frozen=True)
class Request:
    option: ReportOption
    form: AnnualReportForm
    report: AnnualReport | None
    query: str


def _resolve(request: HttpRequest) -> Request | None:
    """The filters of the request, checked against what the user may report on: an
    organisation where they are not team lead is refused (403); a service their
    membership does not cover is a form error."""
    options = report_options(request.user)
    if not options:
        return None
    slug = params.text(request.GET, "organisation") or next(iter(options))
    if slug not in options:
        raise PermissionDenied
    option = options[slug]
    data = request.GET if "jahr" in request.GET else AnnualReportForm.defaults(slug, option)
    form = AnnualReportForm(data, options=options, chosen=slug)
    if not form.is_valid():
        return Request(option, form, None, "")
    codes = form.cleaned_data["dienst"]
    services = [service for service in option.services if service.code in codes]
    kind = form.cleaned_data["art"]
    kinds = () if kind == ALL else (kind,)
    report = annual_report([option.organisation], services, form.cleaned_data["jahr"], kinds)
    query = urlencode(
        {"jahr": report.year, "organisation": slug, "dienst": codes, "art": kind}, doseq=True
    )
    return Request(option, form, report, query)


@view_service_report
def annual(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    context: dict[str, object] = {"resolved": resolved}
    if resolved and resolved.report:
        context["sections"] = [
            (section, [(table, charts.chart(table)) for table in section.tables])
            for section in resolved.report.sections()
        ]
        context["downloads"] = downloads("reports:annual_export")
    return render(request, "reports/annual.html", context)


@view_service_report
def annual_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    resolved = _resolve(request)
    if resolved is None or resolved.report is None:
        return HttpResponseBadRequest(_("The filters of the report are not valid."))
    report, organisation = resolved.report, resolved.option.organisation
    codes = "-".join(service.code for service in report.services)
    return report_download(
        request,
        organisation,
        export(report, fmt),
        fmt,
        f"jahresbericht-{organisation.slug}-{codes.lower()}-{report.year}",
        f"report:annual:{fmt}:{report.year}:{codes}:{'-'.join(report.kinds) or 'alle'}",
    )
