"""The plan pages that write: the coordinator's forms for concepts, fields of action,
goals, measures and indicators, and the progress entry of the coordinator or the
measure's lead provider (access.py decides; services.py stores)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.planning import access, services
from teilhabe.planning.forms import (
    ConceptForm,
    FieldForm,
    GoalForm,
    IndicatorForm,
    MeasureForm,
    ProgressForm,
)
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Indicator, Measure

keep_plan = requires("planning.keep_plan")
record_progress = requires("planning.record_progress")

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
    request: HttpRequest, form: forms.BaseForm, *, title: str, cancel_url: str
) -> HttpResponse:
    """One page with one form; 400 when a submitted form was refused."""
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/form_page.html", context, status=status)


def _version(form: forms.BaseForm) -> int | None:
    version: int | None = form.cleaned_data.get("version")
    return version


def _saved(request: HttpRequest, to: str, **kwargs: Any) -> HttpResponse:
    messages.success(request, _("Saved."))
    return redirect(to, **kwargs)


def _initial(instance: Model | None) -> dict[str, Any]:
    return {"version": getattr(instance, "version", None)} if instance is not None else {}


@keep_plan
def concept_create(request: HttpRequest) -> HttpResponse:
    form = ConceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concept = form.save(commit=False)
        if run_service(form, lambda: services.save_concept(concept)):
            return _saved(request, "planning:concept_detail", slug=concept.slug)
    cancel = reverse("planning:concept_list")
    return form_page(request, form, title=_("New integration concept"), cancel_url=cancel)


@keep_plan
def concept_edit(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    form = ConceptForm(request.POST or None, instance=concept, initial=_initial(concept))
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), _version(form)
        if run_service(form, lambda: services.save_concept(changed, version)):
            return _saved(request, "planning:concept_detail", slug=changed.slug)
    cancel = reverse("planning:concept_detail", kwargs={"slug": slug})
    return form_page(request, form, title=concept.title, cancel_url=cancel)


def _field_form(request: HttpRequest, concept: Concept, field: FieldOfAction) -> HttpResponse:
    form = FieldForm(request.POST or None, instance=field, initial=_initial(field))
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), _version(form)
        changed.concept = concept
        if run_service(form, lambda: services.save_field(changed, version)):
            return _saved(request, "planning:concept_detail", slug=concept.slug)
    title = str(field) if field.pk else _("New field of action")
    cancel = reverse("planning:concept_detail", kwargs={"slug": concept.slug})
    return form_page(request, form, title=title, cancel_url=cancel)


@keep_plan
def field_create(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    return _field_form(request, concept, FieldOfAction(concept=concept))


@keep_plan
def field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    field = get_object_or_404(FieldOfAction.objects.select_related("concept"), pk=pk)
    return _field_form(request, field.concept, field)


def _goal_form(request: HttpRequest, concept: Concept, goal: Goal) -> HttpResponse:
    initial = _initial(goal) if goal.pk else {}
    # "New district goal" on a goal's page names that goal as the one served.
    parent = params.object_id(request.GET, "uebergeordnet", default=None)
    if goal.pk is None and parent is not None:
        initial["parent"] = concept.goals.filter(pk=parent).first()
    form = GoalForm(request.POST or None, instance=goal, initial=initial, concept=concept)
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), _version(form)
        changed.concept = concept
        if run_service(form, lambda: services.save_goal(changed, version)):
            return _saved(request, "planning:goal_detail", pk=changed.pk)
    title = str(goal) if goal.pk else _("New goal")
    cancel = reverse("planning:concept_detail", kwargs={"slug": concept.slug})
    return form_page(request, form, title=title, cancel_url=cancel)


@keep_plan
def goal_create(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    return _goal_form(request, concept, Goal(concept=concept))


@keep_plan
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("concept"), pk=pk)
    return _goal_form(request, goal.concept, goal)


def _measure_form(request: HttpRequest, concept: Concept, measure: Measure) -> HttpResponse:
    form = MeasureForm(
        request.POST or None, instance=measure, initial=_initial(measure), concept=concept
    )
    if request.method == "POST" and form.is_valid():
        changed, version, data = form.save(commit=False), _version(form), form.cleaned_data
        changed.concept = concept

        def save() -> Measure:
            return services.save_measure(
                changed,
                goals=data["goals"],
                partners=data["partners"],
                areas=data["areas"],
                version=version,
            )

        if run_service(form, save):
            return _saved(request, "planning:measure_detail", pk=changed.pk)
    title = str(measure) if measure.pk else _("New measure")
    cancel = reverse("planning:concept_detail", kwargs={"slug": concept.slug})
    return form_page(request, form, title=title, cancel_url=cancel)


@keep_plan
def measure_create(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    return _measure_form(request, concept, Measure(concept=concept))


@keep_plan
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("concept"), pk=pk)
    return _measure_form(request, measure.concept, measure)


def _indicator_form(request: HttpRequest, indicator: Indicator) -> HttpResponse:
    form = IndicatorForm(request.POST or None, instance=indicator, initial=_initial(indicator))
    if request.method == "POST" and form.is_valid():
        changed, version = form.save(commit=False), _version(form)
        changed.measure = indicator.measure
        if run_service(form, lambda: services.save_indicator(changed, version)):
            return _saved(request, "planning:measure_detail", pk=indicator.measure_id)
    title = str(indicator) if indicator.pk else _("New indicator")
    cancel = reverse("planning:measure_detail", kwargs={"pk": indicator.measure_id})
    return form_page(request, form, title=title, cancel_url=cancel)


@keep_plan
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure, pk=pk)
    return _indicator_form(request, Indicator(measure=measure))


@keep_plan
def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _indicator_form(request, get_object_or_404(Indicator, pk=pk))


@record_progress
def progress_create(request: HttpRequest, pk: int) -> HttpResponse:
    measure = access.recordable_measure_or_404(request.user, pk)
    form = ProgressForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add() -> Any:
            return services.add_progress(
                measure,
                user=request.user,
                date=data["date"],
                status=data["status"],
                stand=data["stand"],
                remark=data["remark"],
                attachment=data.get("attachment"),
            )

        if run_service(form, add):
            return _saved(request, "planning:measure_detail", pk=measure.pk)
    title = _("Progress of %(measure)s") % {"measure": measure}
    cancel = reverse("planning:measure_detail", kwargs={"pk": measure.pk})
    return form_page(request, form, title=title, cancel_url=cancel)
