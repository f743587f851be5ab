"""Roll-ups of the plan pages that explain themselves: every aggregate (per field, goal,
area) carries the rule it was computed by and the measures behind it.

The rules are those of shared/formats/plan.md and the numbers come from figures.py
(`measures_on`, `mean_stand`, `by_status`, `total_cost`), so a page shows exactly what
`teilhabe report plan` reports for the same date.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.planning.figures import by_status, mean_stand, measures_on, total_cost
from teilhabe.planning.models import Concept, Measure, Status

FIELD_RULE = _(
    "Counts each measure once that serves a goal of this field or a goal below one. "
    "Mean degree of completion on the reference date, without cancelled measures; "
    "cost: the planned cost of these measures, all statuses."
)
GOAL_RULE = _(
    "Counts each measure once that serves this goal or a goal below it. Mean degree of "
    "completion on the reference date, without cancelled measures; cost: the planned "
    "cost of these measures, all statuses."
)
AREA_RULE = _(
    "Counts each measure once that takes place in this area or an area below it (its "
    "own areas; the whole city counts every measure). Mean degree of completion on the "
    "reference date, without cancelled measures; cost: the planned cost of these "
    "measures, all statuses."
)
CONCEPT_RULE = _(
    "Counts every measure of the concept. Mean degree of completion on the reference "
    "date, without cancelled measures; cost: the planned cost of all measures."
)


@dataclass
class MeasureLine:
    measure: Measure
    status: str
    status_label: str
    stand: int
    last_entry: datetime.date | None = None


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class Rollup:
    rule: str | Promise
    lines: list[MeasureLine]
    count: int
    stand_mean: float | None
    statuses: list[StatusCount]
    cost: float


class PlanOnDate:
    """A concept's measures as they stood on a day, indexed by goal, field and area."""

    def __init__(self, concept: Concept, day: datetime.date) -> None:
        self.concept, self.day = concept, day
        self.states = measures_on(concept, day)
        self.measures = {
            m.pk: m
            for m in Measure.objects.filter(concept=concept).select_related(
                "lead__organisation", "funding"
            )
        }
        self.by_goal: dict[int, list[int]] = defaultdict(list)
        self.by_field: dict[int, list[int]] = defaultdict(list)
        self.by_area: dict[int, list[int]] = defaultdict(list)
        for pk, state in self.states.items():
            for goal_id in state.goals:
                self.by_goal[goal_id].append(pk)
            for field_id in state.fields:
                self.by_field[field_id].append(pk)
            for area_id in state.areas:
                self.by_area[area_id].append(pk)

    def line(self, pk: int) -> MeasureLine:
        state = self.states[pk]
        label = str(Status(state.status).label)
        return MeasureLine(self.measures[pk], state.status, label, state.stand, state.last_entry)

    def lines(self, ids: Iterable[int]) -> list[MeasureLine]:
        return sorted((self.line(pk) for pk in set(ids)), key=lambda line: line.measure.code)

    def rollup(self, ids: Iterable[int], rule: str | Promise) -> Rollup:
        unique = sorted(set(ids))
        states = [self.states[pk] for pk in unique]
        counts = by_status(states)
        return Rollup(
            rule=rule,
            lines=self.lines(unique),
            count=len(states),
            stand_mean=mean_stand(states),
            statuses=[StatusCount(s.value, str(s.label), counts[s.value]) for s in Status],
            cost=total_cost(states),
        )

    def for_goal(self, goal_id: int) -> Rollup:
        return self.rollup(self.by_goal.get(goal_id, []), GOAL_RULE)

    def for_field(self, field_id: int) -> Rollup:
        return self.rollup(self.by_field.get(field_id, []), FIELD_RULE)

    def for_area(self, area_id: int) -> Rollup:
        return self.rollup(self.by_area.get(area_id, []), AREA_RULE)

    def for_concept(self) -> Rollup:
        return self.rollup(self.states, CONCEPT_RULE)
