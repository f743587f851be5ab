"""Pages for programmes: list, set-up, the programme with its families, its figures."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.core.countries import country_name, language_name
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.programmes import selectors, services
from teilhabe.programmes.access import can_manage, coordinator_memberships, programme_or_404
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.forms import ProgrammeForm
from teilhabe.programmes.models import EarlyEndReason

view_programmes = requires("programmes.view_programmes")
manage_programmes = requires("programmes.manage_programmes")


def add_errors(form: Any, error: ValidationError) -> None:
    """Puts a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _offers(user: Any) -> list[tuple[str, str]]:
    """Organisation × programme service the user may set up programmes for."""
    offers = []
    for membership in coordinator_memberships(user):
        limited = {service.pk for service in membership.services.all()}
        for service in membership.organisation.services.filter(is_programme=True):
            if not limited or service.pk in limited:
                label = f"{membership.organisation.name} – {service.name}"
                offers.append((f"{membership.organisation_id}:{service.pk}", label))
    return offers


@view_programmes
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list(request.user),
        "may_create": bool(_offers(request.user)),
    }
    return render(request, "programmes/programme_list.html", context)


@manage_programmes
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None, offers=_offers(request.user))
    if request.method == "POST" and form.is_valid():
        organisation_id, service_id = form.offer_ids()
        try:
            programme = services.create_programme(
                organisation_id=organisation_id,
                service_id=service_id,
                name=form.cleaned_data["name"],
                duration_months=form.cleaned_data["duration_months"],
                material_units=form.cleaned_data["material_units"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Programme set up."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form})


@manage_programmes
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_or_404(request.user, pk, manage=True)
    initial = {
        "name": programme.name,
        "duration_months": programme.duration_months,
        "material_units": programme.material_units,
        "is_active": programme.is_active,
        "version": programme.version,
    }
    form = ProgrammeForm(request.POST or None, initial=initial, offers=None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            services.update_programme(programme, expected_version=version, **data)
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("programmes:programme_detail", pk=programme.pk)
    return render(request, "programmes/programme_form.html", {"form": form, "programme": programme})


@view_programmes
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_or_404(request.user, pk)
    current, ended = selectors.enrolments_of(programme)
    log_reads(request, [*current, *ended], "programme")  # the page names every family
    context = {
        "programme": programme,
        "current": current,
        "ended": ended,
        "may_manage": can_manage(request.user, programme),
        "year": timezone.localdate().year,
    }
    return render(request, "programmes/programme_detail.html", context)


def _year(request: HttpRequest) -> int:
    return params.year(request.GET, default=timezone.localdate().year)


@view_programmes
def programme_figures_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_or_404(request.user, pk)
    year = _year(request)
    figures = programme_figures([programme], year)
    reasons = dict(EarlyEndReason.choices)

    def rows(year_figures: dict[str, Any], key: str, name: Any) -> list[tuple[str, int]]:
        return [(name(code), count) for code, count in year_figures[key].items()]

    context = {
        "programme": programme,
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "this": figures,
        "last": figures["vorjahr"],
        "countries": rows(figures, "herkunftslaender", country_name),
        "languages": rows(figures, "sprachen", language_name),
        "reasons": [
            (reasons[code], count, figures["vorjahr"]["abbruchgruende"][code])
            for code, count in figures["abbruchgruende"].items()
        ],
    }
    return render(request, "programmes/programme_figures.html", context)


@view_programmes
def programme_figures_export(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_or_404(request.user, pk)
    year = _year(request)
    figures = programme_figures([programme], year)
    response = HttpResponse(
        json.dumps(figures, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    name = f"{programme.service.code.lower()}-{programme.pk}-{year}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
