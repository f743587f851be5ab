"""The coordinator's pages of the criteria catalogue: versions, areas, criteria with
their level texts, kinds of evidence, and the start of a new version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.opening import catalogue as services
from teilhabe.opening import selectors
from teilhabe.opening.forms import AreaForm, CatalogueForm, CriterionForm, EvidenceKindForm
from teilhabe.opening.models import Catalogue, CatalogueArea, Criterion
from teilhabe.opening.views import form_page, keep, run


def _catalogue_url(catalogue: Catalogue) -> str:
    return reverse("opening:catalogue_detail", kwargs={"pk": catalogue.pk})


@keep
def catalogue_list(request: HttpRequest) -> HttpResponse:
    catalogues = Catalogue.objects.prefetch_related("certificates", "successor")
    return render(request, "opening/catalogue_list.html", {"catalogues": catalogues})


@keep
def catalogue_create(request: HttpRequest) -> HttpResponse:
    form = CatalogueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        catalogue = run(form, lambda: services.create_catalogue(day=timezone.localdate(), **data))
        if catalogue is not None:
            messages.success(request, _("Saved."))
            return redirect(_catalogue_url(catalogue))
    return form_page(
        request,
        form,
        title=_("New criteria catalogue"),
        cancel_url=reverse("opening:catalogue_list"),
    )


@keep
def catalogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    catalogue = get_object_or_404(Catalogue, pk=pk)
    context = {
        "catalogue": catalogue,
        "areas": selectors.catalogue_areas(catalogue),
        "kinds": catalogue.evidence_kinds.all(),
        "frozen": catalogue.is_frozen,
        "successor": Catalogue.objects.filter(predecessor=catalogue).first(),
    }
    return render(request, "opening/catalogue_detail.html", context)


@keep
def catalogue_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks, POST copies the catalogue into its next version."""
    catalogue = get_object_or_404(Catalogue, pk=pk)
    if request.method == "POST":
        try:
            copy = services.new_version(catalogue, day=timezone.localdate())
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(_catalogue_url(catalogue))
        messages.success(request, _("The new version is a copy of the previous one."))
        return redirect(_catalogue_url(copy))
    return render(request, "opening/new_version.html", {"catalogue": catalogue})


@keep
def area_create(request: HttpRequest, pk: int) -> HttpResponse:
    catalogue = get_object_or_404(Catalogue, pk=pk)
    form = AreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run(form, lambda: services.add_area(catalogue, **data)):
            messages.success(request, _("Saved."))
            return redirect(_catalogue_url(catalogue))
    return form_page(request, form, title=_("New area"), cancel_url=_catalogue_url(catalogue))


@keep
def evidence_kind_create(request: HttpRequest, pk: int) -> HttpResponse:
    catalogue = get_object_or_404(Catalogue, pk=pk)
    form = EvidenceKindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        if run(form, lambda: services.add_evidence_kind(catalogue, name=name)):
            messages.success(request, _("Saved."))
            return redirect(_catalogue_url(catalogue))
    return form_page(
        request, form, title=_("New kind of evidence"), cancel_url=_catalogue_url(catalogue)
    )


def _criterion_form(request: HttpRequest, criterion: Criterion) -> HttpResponse:
    catalogue = criterion.area.catalogue
    initial = {}
    if criterion.pk:
        initial = {
            "code": criterion.code,
            "question": criterion.question,
            "evidence_kinds": list(criterion.evidence_kinds.all()),
            **{f"level_{lv.level}": lv.text for lv in criterion.levels.all()},
        }
    form = CriterionForm(request.POST or None, catalogue=catalogue, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criterion.code, criterion.question = data["code"], data["question"]
        levels, kinds = form.levels(), data["evidence_kinds"]
        if run(
            form, lambda: services.save_criterion(criterion, levels=levels, evidence_kinds=kinds)
        ):
            messages.success(request, _("Saved."))
            return redirect(_catalogue_url(catalogue))
    title = _("Edit criterion") if criterion.pk else _("New criterion")
    return form_page(request, form, title=title, cancel_url=_catalogue_url(catalogue))


@keep
def criterion_create(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(CatalogueArea.objects.select_related("catalogue"), pk=pk)
    return _criterion_form(request, Criterion(area=area))


@keep
def criterion_edit(request: HttpRequest, pk: int) -> HttpResponse:
    criterion = get_object_or_404(Criterion.objects.select_related("area__catalogue"), pk=pk)
    return _criterion_form(request, criterion)
