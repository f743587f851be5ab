"""Participation for the demo city: three events of a concept (a World Café, a
Zukunftskonferenz and a district conference in an area of one of the concept's district
action plans) with ideas and their answers, some linked to the concept's measures.

The texts are in `data/demo.json`. Everything goes through the services, as a user's
input would. Works on any concept with at least five measures that are not drafts and a
field of action; an idea taken up or merged goes to a measure of its own field where
the field has one. Dates are counted back from the day it runs, so the events lie in the
past and the answers a few weeks after each event.
"""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.participation import services
from teilhabe.participation.models import (
    AGE_FIELDS,
    GENDER_FIELDS,
    Answer,
    Idea,
    ParticipationEvent,
)
from teilhabe.planning.figures import goal_fields
from teilhabe.planning.models import Concept, Goal, Measure

DATA = Path(__file__).resolve().parent / "data" / "demo.json"
MIN_MEASURES = 5
ANSWER_AFTER_DAYS = 45


def _district(concept: Concept) -> Area | None:
    """The area of the concept's first district action plan; else any area below the top."""
    goal = Goal.objects.filter(concept=concept, area__isnull=False).order_by("code").first()
    if goal is not None:
        return goal.area
    return Area.objects.filter(parent__isnull=False).order_by("level", "code").first()


def _organisers(measures: list[Measure]) -> list[Actor]:
    """The lead actors of the concept's first measures: the providers who would host."""
    leads: list[Actor] = []
    for measure in measures:
        if measure.lead is not None and measure.lead not in leads:
            leads.append(measure.lead)
    return leads[:2]


def _by_field(concept: Concept, measures: list[Measure]) -> dict[int, list[Measure]]:
    """{field id: the measures serving a goal of that field}, by code (plan.md: a goal
    without a field of its own belongs to its parent's)."""
    field_of = goal_fields(
        list(Goal.objects.filter(concept=concept).values_list("pk", "field_id", "parent_id"))
    )
    by_id = {measure.pk: measure for measure in measures}
    links = Measure.goals.through.objects.filter(measure_id__in=by_id).order_by(
        "measure__code", "goal_id"
    )
    by_field: dict[int, list[Measure]] = defaultdict(list)
    for measure_id, goal_id in links.values_list("measure_id", "goal_id"):
        field_id = field_of.get(goal_id)
        if field_id is not None and by_id[measure_id] not in by_field[field_id]:
            by_field[field_id].append(by_id[measure_id])
    return by_field


def _answer(
    idea: Idea,
    spec: dict[str, Any],
    ideas: list[Idea],
    pool: list[Measure],
    day: datetime.date,
) -> None:
    """Answers as `spec` says; a measure is the n-th of `pool` (the measures of the
    idea's field, or all of them when the field has none)."""
    kind = spec["answer"]
    common: dict[str, Any] = {"day": day, "public_text": spec.get("public_text", "")}
    if kind in ("measure", "merge_measure"):
        measure = pool[spec["measure"] % len(pool)]
        answer = Answer.TAKEN_UP if kind == "measure" else Answer.MERGED
        services.answer_idea(idea, answer=answer, measure=measure, **common)
    elif kind == "merge_idea":
        services.answer_idea(idea, answer=Answer.MERGED, merged_into=ideas[spec["idea"]], **common)
    elif kind == "not":
        services.answer_idea(idea, answer=Answer.NOT_TAKEN_UP, reason=spec["reason"], **common)


@transaction.atomic
def load_participation(
    concept: Concept, today: datetime.date | None = None
) -> list[ParticipationEvent]:
    """Creates the three events with their ideas and answers; a concept that already has
    participation events is left as it is (the loader runs once per demo city)."""
    existing = list(ParticipationEvent.objects.filter(concept=concept).order_by("date"))
    if existing:
        return existing
    measures = list(
        Measure.objects.filter(concept=concept, draft=False).select_related("lead").order_by("code")
    )
    fields = list(concept.fields.order_by("code"))
    if len(measures) < MIN_MEASURES or not fields:
        raise ImproperlyConfigured(
            f"participation demo: {concept.slug} needs {MIN_MEASURES} measures and a field"
        )
    today = today or timezone.localdate()
    district = _district(concept)
    organisers = _organisers(measures)
    by_field = _by_field(concept, measures)
    events = []
    for spec in json.loads(DATA.read_text(encoding="utf-8"))["events"]:
        day = today - datetime.timedelta(days=spec["days_ago"])
        area = district if spec["district"] else None
        title = f"{spec['title']} {area.name}" if area is not None else spec["title"]
        counts = {name: spec["counts"][name] for name in (*AGE_FIELDS, *GENDER_FIELDS)}
        event = services.save_event(
            ParticipationEvent(
                concept=concept,
                kind=spec["kind"],
                title=title,
                date=day,
                place=spec["place"],
                area=area,
                **counts,
            ),
            organisers=organisers,
        )
        ideas = [
            services.add_idea(
                event,
                text=idea["text"],
                topic=idea["topic"],
                field=fields[idea["field"] % len(fields)],
            )
            for idea in spec["ideas"]
        ]
        answered_on = min(day + datetime.timedelta(days=ANSWER_AFTER_DAYS), today)
        for idea, idea_spec in zip(ideas, spec["ideas"], strict=True):
            pool = by_field.get(idea.field_id or 0) or measures
            _answer(idea, idea_spec, ideas, pool, answered_on)
        events.append(event)
    return events
