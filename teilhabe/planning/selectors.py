"""Reads of the plan pages: the concept as a tree of fields, goals and measures, a goal
with the goals that serve it and the goal it serves, a district action plan, a measure
with its progress, each on a date (the definitions of figures.py, via rollup.py)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from teilhabe.organisations.models import Area
from teilhabe.planning.figures import goal_fields
from teilhabe.planning.indicator_values import IndicatorValue, values_for
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Indicator, ProgressEntry
from teilhabe.planning.rollup import MeasureLine, PlanOnDate, Rollup

__all__ = ["MeasureLine", "Rollup"]


@dataclass
class GoalNode:
    goal: Goal
    rollup: Rollup
    measures: list[MeasureLine] = field(default_factory=list)
    children: list[GoalNode] = field(default_factory=list)


@dataclass
class FieldNode:
    field_of_action: FieldOfAction
    rollup: Rollup
    goals: list[GoalNode] = field(default_factory=list)


@dataclass
class GoalLink:
    goal: Goal
    rollup: Rollup


@dataclass
class GoalPage:
    goal: Goal
    field_of_action: FieldOfAction | None
    ancestors: list[Goal]  # the goal it serves first, up to the top of the tree
    district_goals: list[GoalLink]  # goals of district action plans serving this goal
    sub_goals: list[GoalLink]  # goals of the city concept below this goal
    named_by: list[MeasureLine]  # measures that name this goal themselves
    rollup: Rollup


@dataclass
class DistrictGoal:
    goal: Goal
    serves: Goal | None
    rollup: Rollup


@dataclass
class DistrictPlan:
    area: Area
    goals: list[DistrictGoal]
    rollup: Rollup


def concepts() -> QuerySet[Concept]:
    return Concept.objects.order_by("slug")


def concept_tree(plan: PlanOnDate) -> list[FieldNode]:
    """Per field its goals as a tree (a goal under its parent while both belong to the
    field; a goal with a field of its own starts a tree in that field), each goal with
    the measures that name it and the roll-up of every measure belonging to it."""
    concept = plan.concept
    goals = list(Goal.objects.filter(concept=concept).select_related("area").order_by("code"))
    field_of = goal_fields([(g.pk, g.field_id, g.parent_id) for g in goals])
    nodes = {g.pk: GoalNode(g, plan.for_goal(g.pk)) for g in goals}
    named: dict[int, list[int]] = defaultdict(list)
    for measure_id, goal_id in Goal.measures.through.objects.filter(
        measure__concept=concept
    ).values_list("measure_id", "goal_id"):
        named[goal_id].append(measure_id)
    for goal_id, ids in named.items():
        nodes[goal_id].measures = plan.lines(ids)
    fields = {
        f.pk: FieldNode(f, plan.for_field(f.pk))
        for f in FieldOfAction.objects.filter(concept=concept)
    }
    roots: dict[int, list[GoalNode]] = defaultdict(list)
    for goal in goals:
        node, parent = nodes[goal.pk], goal.parent_id
        if parent is not None and field_of[parent] == field_of[goal.pk]:
            nodes[parent].children.append(node)
        elif (field_id := field_of[goal.pk]) is not None:
            roots[field_id].append(node)
    for field_id, field_node in fields.items():
        field_node.goals = roots[field_id]
    return sorted(fields.values(), key=lambda node: node.field_of_action.code)


def district_areas(concept: Concept) -> list[Area]:
    """The areas that have a district action plan in the concept (a goal with the area)."""
    ids = Goal.objects.filter(concept=concept, area__isnull=False).values("area_id")
    return list(Area.objects.filter(pk__in=ids).order_by("level", "code"))


def goal_page(plan: PlanOnDate, goal: Goal) -> GoalPage:
    """Both directions of the link: the goal it serves (and above), and the goals of
    district action plans and of the city concept that serve it."""
    goals = {
        g.pk: g for g in Goal.objects.filter(concept=plan.concept).select_related("area", "field")
    }
    field_of = goal_fields([(g.pk, g.field_id, g.parent_id) for g in goals.values()])
    ancestors: list[Goal] = []
    current = goals[goal.pk].parent_id
    while current is not None and current not in {g.pk for g in ancestors} | {goal.pk}:
        ancestors.append(goals[current])
        current = goals[current].parent_id
    children = sorted((g for g in goals.values() if g.parent_id == goal.pk), key=lambda g: g.code)
    field_id = field_of[goal.pk]
    named = Goal.measures.through.objects.filter(goal_id=goal.pk).values_list(
        "measure_id", flat=True
    )
    return GoalPage(
        goal=goals[goal.pk],
        field_of_action=FieldOfAction.objects.filter(pk=field_id).first() if field_id else None,
        ancestors=ancestors,
        district_goals=[GoalLink(g, plan.for_goal(g.pk)) for g in children if g.area_id],
        sub_goals=[GoalLink(g, plan.for_goal(g.pk)) for g in children if not g.area_id],
        named_by=plan.lines(named),
        rollup=plan.for_goal(goal.pk),
    )


def _below(area: Area) -> set[int]:
    """The area and every area below it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Area.objects.values_list("pk", "parent_id"):
        children[parent].append(pk)
    found, todo = set(), [area.pk]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children[pk])
    return found


def district_plan(plan: PlanOnDate, area: Area) -> DistrictPlan:
    """The goals lying in the area or below it, each with the city goal it serves, and
    the measures taking place there."""
    goals = (
        Goal.objects.filter(concept=plan.concept, area_id__in=_below(area))
        .select_related("area", "parent", "parent__area")
        .order_by("code")
    )
    return DistrictPlan(
        area=area,
        goals=[DistrictGoal(g, g.parent, plan.for_goal(g.pk)) for g in goals],
        rollup=plan.for_area(area.pk),
    )


@dataclass
class MeasurePage:
    line: MeasureLine
    entries: list[ProgressEntry]  # on or before the day, the latest first
    later: int  # entries after the day, not shown
    indicators: list[IndicatorValue]  # values read from data for the day's year


def measure_page(plan: PlanOnDate, pk: int) -> MeasurePage:
    entries = ProgressEntry.objects.filter(measure_id=pk).order_by("-date", "-id")
    indicators = Indicator.objects.filter(measure_id=pk)
    return MeasurePage(
        line=plan.line(pk),
        entries=list(entries.filter(date__lte=plan.day)),
        later=entries.filter(date__gt=plan.day).count(),
        indicators=values_for(plan.measures[pk], indicators, plan.day.year),
    )
