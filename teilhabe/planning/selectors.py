"""Reads of the plan pages: the concept as a tree of fields, goals and measures, with
each measure's status and stand on a date (the definitions of figures.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from teilhabe.planning.figures import goal_fields, measures_on
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, Status


@dataclass
class MeasureLine:
    measure: Measure
    status: str
    status_label: str
    stand: int


@dataclass
class GoalNode:
    goal: Goal
    measures: list[MeasureLine] = field(default_factory=list)
    children: list[GoalNode] = field(default_factory=list)


@dataclass
class FieldNode:
    field_of_action: FieldOfAction
    goals: list[GoalNode] = field(default_factory=list)


def concepts() -> QuerySet[Concept]:
    return Concept.objects.order_by("slug")


def concept_tree(concept: Concept, day: datetime.date) -> list[FieldNode]:
    """Per field its goals as a tree (a goal under its parent while both belong to the
    field; a goal with a field of its own starts a tree in that field), each goal with
    the measures that name it."""
    on_day = measures_on(concept, day)
    goals = list(Goal.objects.filter(concept=concept).select_related("area").order_by("code"))
    field_of = goal_fields([(g.pk, g.field_id, g.parent_id) for g in goals])
    nodes = {g.pk: GoalNode(g) for g in goals}
    measures = Measure.objects.filter(concept=concept).select_related("lead").order_by("code")
    by_id = {m.pk: m for m in measures}
    for measure_id, goal_id in Measure.goals.through.objects.filter(
        measure__concept=concept
    ).values_list("measure_id", "goal_id"):
        state = on_day[measure_id]
        nodes[goal_id].measures.append(
            MeasureLine(
                by_id[measure_id], state.status, str(Status(state.status).label), state.stand
            )
        )
    fields = {f.pk: FieldNode(f) for f in FieldOfAction.objects.filter(concept=concept)}
    roots: dict[int, list[GoalNode]] = defaultdict(list)
    for goal in goals:
        node, parent = nodes[goal.pk], goal.parent_id
        if parent is not None and field_of[parent] == field_of[goal.pk]:
            nodes[parent].children.append(node)
        elif (field_id := field_of[goal.pk]) is not None:
            roots[field_id].append(node)
    for node in nodes.values():
        node.measures.sort(key=lambda line: line.measure.code)
    for field_id, field_node in fields.items():
        field_node.goals = roots[field_id]
    return sorted(fields.values(), key=lambda node: node.field_of_action.code)
