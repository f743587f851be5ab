"""City-wide statistics for the municipal coordination and the statistics office:
protected tables only, no link to any case or person."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Min
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.core.access import requires
from teilhabe.core.forms import KernForm
from teilhabe.organisations.models import Service
from teilhabe.reports import city_exports
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.parts import city_parts
from teilhabe.reports.statistics import CityStatistics, city_statistics

view_city_statistics = requires("reports.view_city_statistics")

EXPORTS = {
    "csv": (city_exports.as_csv, "text/csv; charset=utf-8"),
    "json": (city_exports.as_json, "application/json; charset=utf-8"),
}


def _years() -> list[int]:
    """From the first year with a case (or a closed year) to this year, newest first."""
    this_year = timezone.localdate().year
    first_case = Case.objects.aggregate(first=Min("opened_on"))["first"]
    first_closed = FrozenReport.objects.aggregate(first=Min("year"))["first"]
    first = min(
        [this_year - 1]
        + ([first_case.year] if first_case else [])
        + ([first_closed] if first_closed else [])
    )
    return list(range(this_year, first - 1, -1))


class CityFilterForm(KernForm):
    jahr = forms.TypedChoiceField(label=_("Year"), coerce=int)
    dienst = forms.MultipleChoiceField(
        label=_("Services"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: all services."),
    )

    def __init__(self, data: Any, years: list[int]) -> None:
        super().__init__(data)
        self.fields["jahr"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        services = Service.objects.filter(code__in=CASE_SERVICES).order_by("code")
        self.fields["dienst"].choices = [  # type: ignore[attr-defined]
            (service.code, f"{service.name} ({service.code})") for service in services
        ]


def _statistics(request: HttpRequest) -> tuple[CityFilterForm, CityStatistics | None, str]:
    years = _years()
    default = {"jahr": str(timezone.localdate().year - 1)}
    form = CityFilterForm(request.GET if "jahr" in request.GET else default, years)
    if not form.is_valid():
        return form, None, ""
    year, chosen = form.cleaned_data["jahr"], form.cleaned_data["dienst"]
    statistics = city_statistics(year)
    if chosen:
        statistics = statistics.only(chosen)
    query = urlencode({"jahr": year, "dienst": chosen}, doseq=True)
    return form, statistics, query


@view_city_statistics
def city(request: HttpRequest) -> HttpResponse:
    form, statistics, query = _statistics(request)
    context: dict[str, Any] = {
        "form": form,
        "statistics": statistics,
        "query": query,
        "formats": list(EXPORTS),
        # what other apps publish for the city (reports/parts.py), already protected
        "parts": city_parts(statistics.year) if statistics else [],
    }
    return render(request, "reports/city_statistics.html", context)


@view_city_statistics
def city_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404
    _form, statistics, _query = _statistics(request)
    if statistics is None:
        raise Http404
    render_as, content_type = EXPORTS[fmt]
    response = HttpResponse(render_as(statistics), content_type=content_type)
    name = f"statistik-{statistics.year}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
