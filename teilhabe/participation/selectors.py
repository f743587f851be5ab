"""Reads of participation: the events of a concept, the ideas of an event, the ideas a
measure came from, and the public page of a concept.

The public page reads the plan through planning (selectors.concept_tree on a
rollup.PlanOnDate), so a measure's status and degree of completion are those of the plan
pages and of `teilhabe report plan`; nothing is recomputed here. What it must never show
is left out here, not in the template: draft measures, internal notes, progress texts,
persons (a measure's lead is an actor of the network, an organisation), open ideas.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from teilhabe.participation.models import Answer, Idea, ParticipationEvent
from teilhabe.planning import selectors as plan_selectors
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure
from teilhabe.planning.rollup import PlanOnDate


def concepts_with_events() -> QuerySet[Concept]:
    """Every concept, with how many events, ideas and open ideas it has."""
    return Concept.objects.annotate(
        events=Count("participation_events", distinct=True),
        ideas=Count("participation_events__ideas", distinct=True),
        open_ideas=Count(
            "participation_events__ideas",
            filter=Q(participation_events__ideas__answer=Answer.OPEN),
            distinct=True,
        ),
    ).order_by("slug")


def events_of(concept: Concept) -> QuerySet[ParticipationEvent]:
    return (
        ParticipationEvent.objects.filter(concept=concept)
        .select_related("area")
        .prefetch_related("organisers")
        .annotate(
            idea_count=Count("ideas"),
            open_count=Count("ideas", filter=Q(ideas__answer=Answer.OPEN)),
        )
        .order_by("-date", "id")
    )


def ideas_of(event: ParticipationEvent) -> QuerySet[Idea]:
    return (
        event.ideas.select_related("field", "measure", "merged_into")
        .prefetch_related("history", "history__measure", "history__merged_into")
        .order_by("id")
    )


def ideas_behind(measure: Measure) -> list[Idea]:
    """The ideas a measure came from: taken up as it or merged into it, and the ideas
    merged into one of those (one step: a merge names the idea that carries on)."""
    direct = list(
        Idea.objects.filter(measure=measure)
        .select_related("event", "event__area")
        .order_by("event__date", "id")
    )
    merged = Idea.objects.filter(merged_into__in=[idea.pk for idea in direct])
    merged = merged.select_related("event", "event__area").order_by("event__date", "id")
    return direct + [idea for idea in merged if idea not in direct]


# The public page ---------------------------------------------------------------------


@dataclass
class PublicMeasure:
    code: str
    title: str
    description: str
    status: str
    stand: int
    lead: str  # the name of the lead actor (an organisation), or ""


@dataclass
class PublicGoal:
    goal: Goal
    area: str
    measures: list[PublicMeasure]
    children: list[PublicGoal] = field(default_factory=list)


@dataclass
class PublicField:
    field_of_action: FieldOfAction
    goals: list[PublicGoal]


@dataclass
class PublicIdea:
    text: str
    topic: str
    answer: str
    answer_label: str
    measure: str  # "code title" of a published measure; "" for none or a draft
    measure_in_preparation: bool  # taken up or merged into a draft measure
    merged_with: str  # the text of the idea it was merged into
    reason: str
    public_text: str
    answered_on: datetime.date | None


@dataclass
class PublicEvent:
    event: ParticipationEvent
    organisers: list[str]
    ideas: list[PublicIdea]


@dataclass
class PublicPlan:
    concept: Concept
    day: datetime.date
    fields: list[PublicField]
    events: list[PublicEvent]


def _public_goal(node: plan_selectors.GoalNode) -> PublicGoal:
    measures = [
        PublicMeasure(
            code=line.measure.code,
            title=line.measure.title,
            description=line.measure.description,
            status=line.status_label,
            stand=line.stand,
            lead=line.measure.lead.name if line.measure.lead else "",
        )
        for line in node.measures
        if not line.measure.draft
    ]
    goal = node.goal
    return PublicGoal(
        goal=goal,
        area=goal.area.name if goal.area else "",
        measures=measures,
        children=[_public_goal(child) for child in node.children],
    )


def _public_idea(idea: Idea, drafts: set[int]) -> PublicIdea:
    measure = idea.measure
    hidden = measure is not None and measure.pk in drafts
    return PublicIdea(
        text=idea.text,
        topic=idea.topic,
        answer=idea.answer,
        answer_label=str(Answer(idea.answer).label),
        measure=f"{measure.code} {measure.title}" if measure is not None and not hidden else "",
        measure_in_preparation=hidden,
        merged_with=idea.merged_into.text if idea.merged_into else "",
        reason=idea.reason,
        public_text=idea.public_text,
        answered_on=idea.answered_on,
    )


def public_plan(concept: Concept, day: datetime.date) -> PublicPlan:
    """The public page of `concept` as the plan stands on `day`: fields, goals as a
    tree, the published measures with status and degree of completion, and every
    answered idea with its answer, by event (the latest first)."""
    plan = PlanOnDate(concept, day)
    fields = [
        PublicField(node.field_of_action, [_public_goal(goal) for goal in node.goals])
        for node in plan_selectors.concept_tree(plan)
    ]
    drafts = {pk for pk, measure in plan.measures.items() if measure.draft}
    answered = (
        Idea.objects.filter(event__concept=concept)
        .exclude(answer=Answer.OPEN)
        .select_related("measure", "merged_into")
        .order_by("id")
    )
    by_event: dict[int, list[PublicIdea]] = {}
    for idea in answered:
        by_event.setdefault(idea.event_id, []).append(_public_idea(idea, drafts))
    events = (
        ParticipationEvent.objects.filter(pk__in=by_event)
        .select_related("area")
        .prefetch_related("organisers")
        .order_by("-date", "id")
    )
    return PublicPlan(
        concept=concept,
        day=day,
        fields=fields,
        events=[
            PublicEvent(
                event,
                [actor.name for actor in event.organisers.all()],
                by_event[event.pk],
            )
            for event in events
        ],
    )
