"""The organisation report for team leads: an organisation's year in one document
(casework, programmes, groups and events, volunteers, network), as a page and as PDF,
XLSX, CSV and JSON with the same filters."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.forms import KernForm
from teilhabe.programmes.access import visible_programmes
from teilhabe.reports.export_organisation import export, laid_out
from teilhabe.reports.forms import default_year, downloads, organisation_choices, year_choices
from teilhabe.reports.organisation import OrganisationReport, organisation_report
from teilhabe.reports.responses import CONTENT_TYPES, report_download
from teilhabe.reports.selectors import ReportOption, report_options

view_service_report = requires("reports.view_service_report")


class OrganisationReportForm(KernForm):
    jahr = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    organisation = forms.ChoiceField(label=gettext_lazy("Organisation"))

    def __init__(self, data: object, *, options: dict[str, ReportOption]) -> None:
        super().__init__(data)
        self.fields["jahr"].choices = year_choices()  # type: ignore[attr-defined]
        self.fields["organisation"].choices = organisation_choices(options)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Resolved:
    option: ReportOption
    form: OrganisationReportForm
    report: OrganisationReport | None
    query: str


def _resolve(request: HttpRequest) -> Resolved | None:
    """The filters, checked against the organisations where the user leads a team (any
    other is a 403)."""
    options = report_options(request.user, with_casework_only=False)
    if not options:
        return None
    slug = params.text(request.GET, "organisation") or next(iter(options))
    if slug not in options:
        raise PermissionDenied
    data = request.GET if "jahr" in request.GET else {"jahr": default_year(), "organisation": slug}
    form = OrganisationReportForm(data, options=options)
    option = options[slug]
    if not form.is_valid():
        return Resolved(option, form, None, "")
    year = form.cleaned_data["jahr"]
    # The programmes as the programme pages show them to this user (a team lead whose
    # membership names services sees the programmes of those services only).
    programmes = visible_programmes(request.user).filter(organisation=option.organisation)
    report = organisation_report(option.organisation, option.services, year, programmes)
    return Resolved(option, form, report, urlencode({"jahr": year, "organisation": slug}))


@view_service_report
def organisation(request: HttpRequest) -> HttpResponse:
    resolved = _resolve(request)
    context: dict[str, object] = {"resolved": resolved}
    if resolved and resolved.report:
        context["sections"] = laid_out(resolved.report)
        context["downloads"] = downloads("reports:organisation_export")
    return render(request, "reports/organisation.html", context)


@view_service_report
def organisation_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    resolved = _resolve(request)
    if resolved is None or resolved.report is None:
        return HttpResponseBadRequest(_("The filters of the report are not valid."))
    report = resolved.report
    services = "-".join(report.service_codes) or "keine"
    return report_download(
        request,
        report.organisation,
        export(report, fmt),
        fmt,
        f"organisationsbericht-{report.organisation.slug}-{report.year}",
        f"report:organisation:{fmt}:{report.year}:{services}",
    )
