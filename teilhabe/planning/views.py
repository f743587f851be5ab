"""The plan pages that read: the concepts; one concept as fields → goals → measures; a
goal with both directions of its link; a district action plan; a measure with its
progress; the measures a provider leads. Every page shows the plan as it stood on
`?stichtag=TT.MM.JJJJ` (today by default) and its links carry that date on."""

from __future__ import annotations

import datetime

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_read
from teilhabe.documents import storage
from teilhabe.organisations.models import Area
from teilhabe.planning import access, measure_sections, selectors
from teilhabe.planning.models import Concept, Goal, ProgressEntry
from teilhabe.planning.rollup import PlanOnDate
from teilhabe.planning.synopsis import dates_of, synopsis

view_plan = requires("planning.view_plan")
view_measures = requires("planning.view_measures")
lead_measures = requires("planning.lead_measures")
# The plan report's files (reports:plan_export): format and link text.
DOWNLOADS = [("pdf", "PDF"), ("xlsx", "XLSX"), ("csv", "CSV"), ("json", "JSON")]


def reference_day(request: HttpRequest) -> datetime.date:
    """The date the page shows the plan on: `?stichtag=`, a bad value is a 400."""
    day: datetime.date = params.date(request.GET, "stichtag", default=timezone.localdate())
    return day


@view_plan
def concept_list(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/concept_list.html", {"concepts": selectors.concepts()})


@view_plan
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    day = reference_day(request)
    plan = PlanOnDate(concept, day)
    context = {
        "concept": concept,
        "day": day,
        "fields": selectors.concept_tree(plan),
        "total": plan.for_concept(),
        "districts": selectors.district_areas(concept),
        # The editions before and after this one (editions.py); None when there is none.
        "predecessor": concept.predecessor,
        "successor": Concept.objects.filter(predecessor=concept).first(),
    }
    return render(request, "planning/concept_detail.html", context)


@view_plan
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("concept"), pk=pk)
    day = reference_day(request)
    page = selectors.goal_page(PlanOnDate(goal.concept, day), goal)
    context = {"concept": goal.concept, "day": day, "page": page}
    return render(request, "planning/goal_detail.html", context)


@view_plan
def district_plan(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    concept = get_object_or_404(Concept, slug=slug)
    area = get_object_or_404(Area, pk=pk)
    day = reference_day(request)
    plan = selectors.district_plan(PlanOnDate(concept, day), area)
    context = {"concept": concept, "day": day, "plan": plan}
    return render(request, "planning/district_plan.html", context)


@view_plan
def synopsis_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The synopsis on `?stichtag=` with the change since `?vergleich=` (the last report
    date; a year before by default), which must lie before the reference date."""
    concept = get_object_or_404(Concept, slug=slug)
    day, since = dates_of(request.GET, timezone.localdate())
    context = {
        "concept": concept,
        "day": day,
        "synopsis": synopsis(concept, day, since),
        "downloads": DOWNLOADS,
        "synopsis_downloads": [("pdf", "PDF"), ("xlsx", "XLSX"), ("csv", "CSV"), ("json", "JSON")],
    }
    return render(request, "planning/synopsis.html", context)


@view_measures
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = access.visible_measure_or_404(request.user, pk)
    day = reference_day(request)
    page = selectors.measure_page(PlanOnDate(measure.concept, day), measure.pk)
    context = {
        "concept": measure.concept,
        "measure": measure,
        "day": day,
        "page": page,
        "goals": measure.goals.order_by("code"),
        "partners": measure.partners.order_by("name"),
        "areas": measure.areas.order_by("level", "code"),
        "can_record": access.can_record(request.user, measure),
        "can_keep": access.keeps_plan(request.user),
        # Sections other apps register (measure_sections.py), e.g. the ideas behind it.
        "sections": measure_sections.sections_for(request, measure),
    }
    return render(request, "planning/measure_detail.html", context)


@lead_measures
def my_measures(request: HttpRequest) -> HttpResponse:
    day = reference_day(request)
    measures = access.led_measures(request.user).select_related("concept")
    lines = []
    for concept in Concept.objects.filter(pk__in=measures.values("concept_id")):
        plan = PlanOnDate(concept, day)
        ids = measures.filter(concept=concept).values_list("pk", flat=True)
        lines.append((concept, plan.lines(ids)))
    return render(request, "planning/my_measures.html", {"day": day, "concepts": lines})


@view_measures
def progress_attachment(request: HttpRequest, pk: int) -> FileResponse:
    """The attachment of a progress entry of a measure the user sees (else a 404), as a
    download with the type its content has; the read goes into the audit log."""
    entry = get_object_or_404(ProgressEntry.objects.exclude(attachment_id=""), pk=pk)
    access.visible_measure_or_404(request.user, entry.measure_id)
    # The name from the upload without its extension; the extension from the content.
    stem = entry.attachment_name.rsplit(".", 1)[0]
    name = storage.download_name(stem, entry.attachment_type, "anhang")
    response = storage.download(entry.attachment_id, name, entry.attachment_type)
    log_read(request, entry, "plan:attachment")
    return response
