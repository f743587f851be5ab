"""The participation pages: the overview of concepts, the events of a concept, an event
with its ideas, the coordinator's forms (event, idea, answer, answer with a new measure)
and the public page of a published concept. access.py decides, services.py stores,
selectors.py reads."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import public, requires
from teilhabe.participation import access, selectors, services
from teilhabe.participation.forms import AnswerForm, EventForm, IdeaForm, NewMeasureAnswerForm
from teilhabe.participation.models import Answer, Idea, ParticipationEvent
from teilhabe.planning.forms import MeasureForm
from teilhabe.planning.models import Concept, Measure
from teilhabe.planning.views_keep import run_service

view_plan = requires(access.READ)
keep_plan = requires(access.KEEP)


def _form_page(
    request: HttpRequest,
    parts: list[forms.BaseForm],
    *,
    title: str,
    cancel_url: str,
    intro: str = "",
) -> HttpResponse:
    """One page with one or more forms under one submit; 400 when one was refused."""
    context = {"forms": parts, "title": title, "cancel_url": cancel_url, "intro": intro}
    status = 400 if request.method == "POST" else 200
    return render(request, "participation/form_page.html", context, status=status)


def _saved(request: HttpRequest, to: str, **kwargs: Any) -> HttpResponse:
    messages.success(request, _("Saved."))
    return redirect(to, **kwargs)


@view_plan
def overview(request: HttpRequest) -> HttpResponse:
    return render(
        request, "participation/overview.html", {"concepts": selectors.concepts_with_events()}
    )


@view_plan
def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    context = {
        "concept": concept,
        "events": selectors.events_of(concept),
        "can_keep": access.keeps(request.user),
    }
    return render(request, "participation/event_list.html", context)


def _event_form(request: HttpRequest, event: ParticipationEvent) -> HttpResponse:
    initial = {"version": event.version} if event.pk else {}
    form = EventForm(request.POST or None, instance=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed, data = form.save(commit=False), form.cleaned_data
        changed.concept = event.concept

        def save() -> ParticipationEvent:
            return services.save_event(
                changed, organisers=data["organisers"], version=data.get("version")
            )

        if run_service(form, save):
            return _saved(request, "participation:event_detail", pk=changed.pk)
    title = str(event) if event.pk else _("New participation event")
    cancel = reverse("participation:event_list", kwargs={"slug": event.concept.slug})
    return _form_page(request, [form], title=title, cancel_url=cancel)


@keep_plan
def event_create(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    return _event_form(request, ParticipationEvent(concept=concept))


@keep_plan
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _event_form(request, access.event_or_404(pk))


@view_plan
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_or_404(pk)
    can_keep = access.keeps(request.user)
    context = {
        "concept": event.concept,
        "event": event,
        "organisers": event.organisers.order_by("name"),
        "ideas": selectors.ideas_of(event),
        "can_keep": can_keep,
        "idea_form": IdeaForm(concept=event.concept) if can_keep else None,
    }
    return render(request, "participation/event_detail.html", context)


@keep_plan
def idea_create(request: HttpRequest, pk: int) -> HttpResponse:
    event = access.event_or_404(pk)
    form = IdeaForm(request.POST or None, concept=event.concept)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def add() -> Idea:
            return services.add_idea(
                event, text=data["text"], topic=data["topic"], field=data["field"]
            )

        if run_service(form, add):
            return _saved(request, "participation:event_detail", pk=event.pk)
    cancel = reverse("participation:event_detail", kwargs={"pk": event.pk})
    return _form_page(request, [form], title=_("New idea"), cancel_url=cancel)


@keep_plan
def idea_answer(request: HttpRequest, pk: int) -> HttpResponse:
    idea = access.idea_or_404(pk)
    initial: dict[str, Any] = {"version": idea.version, "answered_on": timezone.localdate()}
    if idea.answer != Answer.OPEN:
        initial.update(
            answer=idea.answer,
            measure=idea.measure,
            merged_into=idea.merged_into,
            reason=idea.reason,
            public_text=idea.public_text,
            answered_on=idea.answered_on,
        )
    form = AnswerForm(request.POST or None, idea=idea, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def answer() -> Idea:
            return services.answer_idea(
                idea,
                answer=data["answer"],
                day=data["answered_on"],
                user=request.user,
                measure=data["measure"],
                merged_into=data["merged_into"],
                reason=data["reason"],
                public_text=data["public_text"],
                version=data["version"],
            )

        if run_service(form, answer):
            return _saved(request, "participation:event_detail", pk=idea.event_id)
    cancel = reverse("participation:event_detail", kwargs={"pk": idea.event_id})
    title = _("Answer the idea")
    return _form_page(request, [form], title=title, cancel_url=cancel, intro=idea.text)


@keep_plan
def idea_new_measure(request: HttpRequest, pk: int) -> HttpResponse:
    """Answers the idea with a new measure of the plan: the plan's measure form, and the
    answer; both stored in one transaction (services.answer_with_new_measure)."""
    idea = access.idea_or_404(pk)
    concept = idea.event.concept
    measure = Measure(concept=concept)
    data = request.POST or None
    measure_form = MeasureForm(
        data,
        instance=measure,
        concept=concept,
        initial={"title": idea.text[:300], "description": idea.text},
    )
    answer_form = NewMeasureAnswerForm(
        data,
        prefix="answer",
        initial={"version": idea.version, "answered_on": timezone.localdate()},
    )
    if request.method == "POST" and measure_form.is_valid() and answer_form.is_valid():
        new, fields, answer = (
            measure_form.save(commit=False),
            measure_form.cleaned_data,
            answer_form.cleaned_data,
        )

        def store() -> Measure:
            return services.answer_with_new_measure(
                idea,
                new,
                goals=fields["goals"],
                partners=fields["partners"],
                areas=fields["areas"],
                day=answer["answered_on"],
                user=request.user,
                public_text=answer["public_text"],
                version=answer["version"],
            )

        if run_service(measure_form, store):
            return _saved(request, "planning:measure_detail", pk=new.pk)
    cancel = reverse("participation:event_detail", kwargs={"pk": idea.event_id})
    return _form_page(
        request,
        [measure_form, answer_form],
        title=_("Answer the idea with a new measure"),
        cancel_url=cancel,
        intro=idea.text,
    )


@public
def public_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The plan of a published concept for everybody, as it stands today."""
    concept = access.published_concept_or_404(slug)
    plan = selectors.public_plan(concept, timezone.localdate())
    return render(request, "participation/public_plan.html", {"plan": plan})
