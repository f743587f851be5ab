"""The plan pages (read-only for now): the concepts, and one concept as fields → goals
→ measures with their status on a date (`?stichtag=TT.MM.JJJJ`, today by default)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.planning import selectors
from teilhabe.planning.models import Concept

view_plan = requires("planning.view_plan")


@view_plan
def concept_list(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/concept_list.html", {"concepts": selectors.concepts()})


@view_plan
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    day = params.date(request.GET, "stichtag", default=timezone.localdate())
    context = {"concept": concept, "day": day, "fields": selectors.concept_tree(concept, day)}
    return render(request, "planning/concept_detail.html", context)
