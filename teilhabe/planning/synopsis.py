"""The synopsis for the council and its board (*fortschreibbare Synopse*): per field of
action the goals, the measures naming them with status, degree of completion, money,
funding and indicators on a date D, and the change since an earlier report date C.

Both dates are read with rollup.PlanOnDate (the definitions of figures.py): a
measure's change is its status and stand on C against D; "entries since" counts the
progress entries dated after C up to D; a field's change is its mean degree of
completion on D minus that on C (both without cancelled measures; none when either is
empty).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from teilhabe.core import params
from teilhabe.planning.figures import CENT, goal_fields
from teilhabe.planning.indicator_values import IndicatorValue, values_for
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Indicator, ProgressEntry
from teilhabe.planning.rollup import MeasureLine, PlanOnDate, Rollup


@dataclass
class SynopsisMeasure:
    now: MeasureLine
    before: MeasureLine
    entries_since: int
    indicators: list[IndicatorValue]  # with the value read from data for D's year

    @property
    def status_changed(self) -> bool:
        return self.now.status != self.before.status

    @property
    def stand_change(self) -> int:
        return self.now.stand - self.before.stand


@dataclass
class SynopsisGoal:
    goal: Goal
    measures: list[SynopsisMeasure] = field(default_factory=list)


@dataclass
class SynopsisField:
    field_of_action: FieldOfAction
    now: Rollup
    before: Rollup
    goals: list[SynopsisGoal] = field(default_factory=list)

    @property
    def mean_change(self) -> float | None:
        if self.now.stand_mean is None or self.before.stand_mean is None:
            return None
        change = Decimal(str(self.now.stand_mean)) - Decimal(str(self.before.stand_mean))
        return float(change.quantize(CENT, ROUND_HALF_UP))


@dataclass
class Synopsis:
    concept: Concept
    day: datetime.date
    since: datetime.date
    now: Rollup
    before: Rollup
    fields: list[SynopsisField]


def dates_of(query: params.Query, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """`?stichtag=` (today by default) and `?vergleich=` (the last report date, a year
    before by default), which must lie before it: a wrong value is a 400."""
    day: datetime.date = params.date(query, "stichtag", default=today)
    since: datetime.date = params.date(
        query, "vergleich", default=day - datetime.timedelta(days=365)
    )
    if since >= day:
        raise params.InvalidParameter("vergleich")
    return day, since


def synopsis(concept: Concept, day: datetime.date, since: datetime.date) -> Synopsis:
    """The synopsis on `day` with the change since `since` (an earlier date)."""
    now, before = PlanOnDate(concept, day), PlanOnDate(concept, since)
    entries_since = dict(
        ProgressEntry.objects.filter(measure__concept=concept, date__gt=since, date__lte=day)
        .values_list("measure_id")
        .annotate(n=Count("id"))
        .values_list("measure_id", "n")
    )
    indicators: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(measure__concept=concept):
        indicators[indicator.measure_id].append(indicator)
    measures = {
        pk: SynopsisMeasure(
            now.line(pk),
            before.line(pk),
            entries_since.get(pk, 0),
            values_for(now.measures[pk], indicators[pk], day.year) if indicators[pk] else [],
        )
        for pk in now.states
    }
    goals = list(
        Goal.objects.filter(concept=concept).select_related("area", "parent").order_by("code")
    )
    field_of = goal_fields([(g.pk, g.field_id, g.parent_id) for g in goals])
    named: dict[int, list[int]] = defaultdict(list)
    for measure_id, goal_id in Goal.measures.through.objects.filter(
        goal__concept=concept
    ).values_list("measure_id", "goal_id"):
        named[goal_id].append(measure_id)
    by_field: dict[int, list[SynopsisGoal]] = defaultdict(list)
    for goal in goals:
        if (field_id := field_of[goal.pk]) is None:
            continue
        lines = sorted((measures[pk] for pk in named[goal.pk]), key=lambda m: m.now.measure.code)
        by_field[field_id].append(SynopsisGoal(goal, lines))
    fields = [
        SynopsisField(f, now.for_field(f.pk), before.for_field(f.pk), by_field[f.pk])
        for f in FieldOfAction.objects.filter(concept=concept).order_by("code")
    ]
    return Synopsis(concept, day, since, now.for_concept(), before.for_concept(), fields)
