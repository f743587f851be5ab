"""Downloads of the plan report (shared/formats/plan.md) from the plan pages: the same
files as `teilhabe report plan`, on `?stichtag=TT.MM.JJJJ` (today by default). The
planning app links here; reports imports planning, never the other way round."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.planning.models import Concept
from teilhabe.planning.synopsis import dates_of, synopsis
from teilhabe.reports import plan_synopsis
from teilhabe.reports.plan_exports import PlanReport, export_plan
from teilhabe.reports.responses import CONTENT_TYPES, report_download


@requires("planning.view_plan")
def plan_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    concept = get_object_or_404(Concept, slug=slug)
    day = params.date(request.GET, "stichtag", default=timezone.localdate())
    content = export_plan(PlanReport.build(concept, day), fmt)
    stem = f"plan-{concept.slug}-{day:%Y-%m-%d}"
    return report_download(request, concept, content, fmt, stem, f"report:plan:{fmt}:{day}")


@requires("planning.view_plan")
def synopsis_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """The synopsis page's document: `?stichtag=` and `?vergleich=` as on the page."""
    if fmt not in plan_synopsis.FORMATS:
        raise Http404
    concept = get_object_or_404(Concept, slug=slug)
    day, since = dates_of(request.GET, timezone.localdate())
    result = synopsis(concept, day, since)
    content = plan_synopsis.export_synopsis(result, fmt)
    stem = f"synopse-{concept.slug}-{day:%Y-%m-%d}"
    return report_download(request, concept, content, fmt, stem, f"report:synopsis:{fmt}:{day}")
