"""Pages of the neighbourhood work: conflict entries and outreach contacts of the
organisations where the user is a counsellor or team lead, with the year's figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.mediation import neighbourhood
from teilhabe.mediation.forms_neighbourhood import ConflictForm, OutreachForm
from teilhabe.mediation.models_neighbourhood import ConflictEntry, ConflictKind, OutreachContact
from teilhabe.mediation.views import form_page

neighbourhood_work = requires("mediation.neighbourhood")


def _first_organisation(request: HttpRequest) -> int:
    return neighbourhood.qm_organisations(request.user)[0]


def _conflicts(request: HttpRequest) -> QuerySet[ConflictEntry]:
    organisations = neighbourhood.qm_organisations(request.user)
    return ConflictEntry.objects.filter(organisation_id__in=organisations)


@neighbourhood_work
def conflict_list(request: HttpRequest) -> HttpResponse:
    year = params.year(request.GET, default=timezone.localdate().year)
    organisations = neighbourhood.qm_organisations(request.user)
    counts = neighbourhood.conflict_figures(organisations, year)
    districts = sorted({district for district, _kind, _preventive in counts})
    kinds = list(ConflictKind)
    rows = [
        (
            district,
            [sum(n for k, n in counts.items() if k[:2] == (district, kind)) for kind in kinds],
        )
        for district in districts
    ]
    context: dict[str, Any] = {
        "entries": _conflicts(request).filter(occurred_on__year=year).select_related("district"),
        "year": year,
        "kinds": kinds,
        "rows": rows,
        "preventive": sum(n for k, n in counts.items() if k[2]),
        "kept_from": neighbourhood.cutoff(timezone.localdate()),
    }
    return render(request, "mediation/conflict_list.html", context)


def _conflict_form(request: HttpRequest, instance: ConflictEntry | None) -> HttpResponse:
    form = ConflictForm(request.POST or None, instance=instance)
    if instance is not None:
        log_read(request, instance, "edit")
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        if instance is None:
            entry.organisation_id = _first_organisation(request)
            entry.created_by = request.user
        entry.save()
        messages.success(request, _("The entry was saved."))
        return redirect("mediation:conflict_list")
    title = _("Neighbourhood conflict") if instance else _("New neighbourhood conflict")
    return form_page(request, form, title, reverse("mediation:conflict_list"))


@neighbourhood_work
def conflict_create(request: HttpRequest) -> HttpResponse:
    return _conflict_form(request, None)


@neighbourhood_work
def conflict_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _conflict_form(request, get_object_or_404(_conflicts(request), pk=pk))


@neighbourhood_work
def outreach_list(request: HttpRequest) -> HttpResponse:
    year = params.year(request.GET, default=timezone.localdate().year)
    organisations = neighbourhood.qm_organisations(request.user)
    context = {
        "year": year,
        "rows": neighbourhood.outreach_figures(organisations, year),
        "contacts": OutreachContact.objects.filter(
            organisation_id__in=organisations, date__year=year
        ).select_related("district")[:100],
    }
    return render(request, "mediation/outreach_list.html", context)


@neighbourhood_work
def outreach_create(request: HttpRequest) -> HttpResponse:
    form = OutreachForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.organisation_id = _first_organisation(request)
        contact.created_by = request.user
        contact.save()
        messages.success(request, _("The outreach contact was recorded."))
        return redirect("mediation:outreach_list")
    return form_page(request, form, _("New outreach contact"), reverse("mediation:outreach_list"))
