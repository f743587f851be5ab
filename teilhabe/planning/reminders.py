"""Reminders (issue 11, item 9): measures running without a progress entry for 180 days.

The rule is the one of the plan report's `ohne_fortschritt` (plan.md; `figures.is_silent`):
status on D is `laufend` and no entry of any kind is dated D − 179 … D. The lead's
start-page panel (planning/dashboard.py) and the coordinator's list
(`<concept>/ohne-fortschritt/`) read it here, so both show what the report lists.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from teilhabe.planning import access
from teilhabe.planning.figures import MeasureOnDate, is_silent, measures_on, states_on
from teilhabe.planning.models import Concept, Measure


@dataclass
class SilentMeasure:
    measure: Measure
    last_entry: datetime.date | None  # None: no entry at all up to the day
    days: int | None  # days since the last entry


def _silent(
    measures: list[Measure], states: dict[int, MeasureOnDate], day: datetime.date
) -> list[SilentMeasure]:
    out = []
    for measure in measures:
        state = states[measure.pk]
        if is_silent(state, day):
            last = state.last_entry
            out.append(SilentMeasure(measure, last, (day - last).days if last else None))
    return out


def silent_in_concept(concept: Concept, day: datetime.date) -> list[SilentMeasure]:
    """The concept's measures of `ohne_fortschritt` on `day`, by code."""
    measures = list(Measure.objects.filter(concept=concept).select_related("lead").order_by("code"))
    return _silent(measures, measures_on(concept, day), day)


def silent_led(user: Any, day: datetime.date) -> list[SilentMeasure]:
    """The silent measures the user's organisation leads, of every concept, except those
    carried into a successor edition: their progress is recorded on the copy there (the
    old edition keeps them as they stood, and its report still lists them)."""
    led = access.led_measures(user).filter(carried_into__isnull=True)
    measures = list(led.select_related("concept").order_by("concept__slug", "code"))
    return _silent(measures, states_on([m.pk for m in measures], day), day)
