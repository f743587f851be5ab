"""Pages of editions and reminders: the coordinator starts a successor edition of a
concept (editions.py), and the list of a concept's measures running without progress
for 180 days (reminders.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.planning import editions, reminders
from teilhabe.planning.figures import SILENCE_DAYS
from teilhabe.planning.forms_editions import SuccessorForm
from teilhabe.planning.models import Concept
from teilhabe.planning.views import reference_day
from teilhabe.planning.views_keep import run_service

keep_plan = requires("planning.keep_plan")
view_plan = requires("planning.view_plan")


@keep_plan
def successor_create(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    if editions.has_successor(concept):
        messages.error(request, _("This concept already has a successor edition."))
        return redirect("planning:concept_detail", slug=concept.slug)
    form = SuccessorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def start() -> Concept:
            return editions.start_successor(
                concept,
                slug=data["slug"],
                title=data["title"],
                adopted_on=data["adopted_on"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                day=data["carry_on"],
                user=request.user,
            )

        new = run_service(form, start)
        if new is not None:
            messages.success(request, _("The successor edition has been started."))
            return redirect("planning:concept_detail", slug=new.slug)
    today = timezone.localdate()
    context = {
        "concept": concept,
        "form": form,
        "today": today,
        "carried": len(editions.carried_measures(concept, today)),
        "total": concept.measures.count(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "planning/successor_form.html", context, status=status)


@view_plan
def silent_list(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    day = reference_day(request)
    context = {
        "concept": concept,
        "day": day,
        "silent": reminders.silent_in_concept(concept, day),
        "days": SILENCE_DAYS + 1,
    }
    return render(request, "planning/silent_list.html", context)
