"""Pages of the funding programmes: list, programme page with what depends on it, the
coordinator's forms, and the funding cliff (`?stichtag=TT.MM.JJJJ`, today by default)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.funding import figures, selectors, services
from teilhabe.funding.forms import DependantForm, ProgrammeForm, StaffPostForm
from teilhabe.funding.models import FundingProgramme, ProgrammeDependency, StaffPost

view_programmes = requires("funding.view_programmes")
keep_programmes = requires("funding.keep_programmes")

Result = TypeVar("Result")


def run_service(form: forms.BaseForm, action: Callable[[], Result]) -> Result | None:
    """Runs a write path; a refusal or an edit conflict becomes the form's error."""
    try:
        return action()
    except EditConflict:
        form.add_error(None, CONFLICT_MESSAGE)
    except ValidationError as error:
        form.add_error(None, error.messages)
    return None


def form_page(
    request: HttpRequest, form: forms.BaseForm, *, title: str, cancel_url: str, tab: str
) -> HttpResponse:
    """One page with one form; 400 when a submitted form was refused."""
    context = {"form": form, "title": title, "cancel_url": cancel_url, "tab": tab}
    status = 400 if request.method == "POST" else 200
    return render(request, "funding/form_page.html", context, status=status)


@view_programmes
def programme_list(request: HttpRequest) -> HttpResponse:
    context = {"programmes": selectors.programme_list(), "tab": "programmes"}
    return render(request, "funding/programme_list.html", context)


@view_programmes
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(FundingProgramme, pk=pk)
    year = timezone.localdate().year
    context = {
        "programme": programme,
        "dependants": selectors.dependants_of([programme])[programme.pk],
        "funds": figures.funds_figures(selectors.funds_of(programme), year),
        "year": year,
        "tab": "programmes",
    }
    return render(request, "funding/programme_detail.html", context)


@keep_programmes
def programme_create(request: HttpRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        if run_service(form, lambda: services.save_programme(programme)):
            messages.success(request, _("Saved."))
            return redirect("funding:programme_detail", pk=programme.pk)
    cancel = reverse("funding:programme_list")
    return form_page(
        request, form, title=_("New funding programme"), cancel_url=cancel, tab="programmes"
    )


@keep_programmes
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(FundingProgramme, pk=pk)
    initial = {"version": programme.version}
    form = ProgrammeForm(request.POST or None, instance=programme, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), form.cleaned_data["version"]
        if run_service(form, lambda: services.save_programme(changed, version)):
            messages.success(request, _("Saved."))
            return redirect("funding:programme_detail", pk=pk)
    cancel = reverse("funding:programme_detail", kwargs={"pk": pk})
    return form_page(request, form, title=str(programme), cancel_url=cancel, tab="programmes")


@keep_programmes
def dependant_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(FundingProgramme, pk=pk)
    form = DependantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dependant = form.save(commit=False)
        dependant.programme = programme
        if run_service(form, lambda: services.save_dependant(dependant)):
            messages.success(request, _("Saved."))
            return redirect("funding:programme_detail", pk=pk)
    title = _("What depends on %(programme)s") % {"programme": programme.title}
    cancel = reverse("funding:programme_detail", kwargs={"pk": pk})
    return form_page(request, form, title=title, cancel_url=cancel, tab="programmes")


@keep_programmes
@require_POST
def dependant_delete(request: HttpRequest, pk: int) -> HttpResponse:
    dependant = get_object_or_404(ProgrammeDependency, pk=pk)
    services.remove_dependant(dependant)
    messages.success(request, _("Removed."))
    return redirect("funding:programme_detail", pk=dependant.programme_id)


@keep_programmes
def post_create(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(FundingProgramme, pk=pk)
    form = StaffPostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = form.save(commit=False)
        post.programme = programme
        if run_service(form, lambda: services.save_post(post)):
            messages.success(request, _("Saved."))
            return redirect("funding:programme_detail", pk=pk)
    title = _("New staff post paid by %(programme)s") % {"programme": programme.title}
    cancel = reverse("funding:programme_detail", kwargs={"pk": pk})
    return form_page(request, form, title=title, cancel_url=cancel, tab="programmes")


@keep_programmes
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(StaffPost.objects.select_related("programme"), pk=pk)
    form = StaffPostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        changed = form.save(commit=False)
        if run_service(form, lambda: services.save_post(changed)):
            messages.success(request, _("Saved."))
            return redirect("funding:programme_detail", pk=post.programme_id)
    cancel = reverse("funding:programme_detail", kwargs={"pk": post.programme_id})
    return form_page(request, form, title=post.title, cancel_url=cancel, tab="programmes")


@keep_programmes
@require_POST
def post_delete(request: HttpRequest, pk: int) -> HttpResponse:
    post = get_object_or_404(StaffPost, pk=pk)
    services.remove_post(post)
    messages.success(request, _("Removed."))
    return redirect("funding:programme_detail", pk=post.programme_id)


@view_programmes
def cliff(request: HttpRequest) -> HttpResponse:
    day = params.date(request.GET, "stichtag", default=timezone.localdate())
    context = {"day": day, "bands": selectors.cliff(day), "tab": "cliff"}
    return render(request, "funding/cliff.html", context)
