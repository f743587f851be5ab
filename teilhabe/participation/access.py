"""Who sees and who keeps participation: the one place where it is decided.

Participation belongs to the plan, so it follows the plan's permissions
(accounts/rules.py, planning/access.py): the integration coordinator keeps events, ideas
and answers (`planning.keep_plan`); whoever reads the whole plan reads them too
(`planning.view_plan`: the coordinator and the statistics office). A provider who sees a
measure (planning.access) sees the ideas it came from on the measure page, without the
events' pages. The public page of a published concept needs no sign-in and shows only
answered ideas (selectors.public_plan).

An event holds counts, never persons, so there is no object-level scope beyond the
concept: every reader of the plan reads every event.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from teilhabe.participation.models import Idea, ParticipationEvent
from teilhabe.planning import access as plan_access
from teilhabe.planning.models import Concept

READ = "planning.view_plan"
KEEP = "planning.keep_plan"


def reads(user: Any) -> bool:
    return plan_access.reads_whole_plan(user)


def keeps(user: Any) -> bool:
    return plan_access.keeps_plan(user)


def event_or_404(pk: int) -> ParticipationEvent:
    return get_object_or_404(ParticipationEvent.objects.select_related("concept", "area"), pk=pk)


def idea_or_404(pk: int) -> Idea:
    return get_object_or_404(
        Idea.objects.select_related("event", "event__concept", "field", "measure"), pk=pk
    )


def published_concept_or_404(slug: str) -> Concept:
    """The concept of a public page: an unpublished one is a 404 like an unknown one, so
    that its existence is not revealed."""
    concept = Concept.objects.filter(slug=slug, published=True).first()
    if concept is None:
        raise Http404
    return concept
