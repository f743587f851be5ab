"""The result of a self-check per area: a pure function, so that a person can check it by
hand (and the tests do).

Rule (written on the result page as well):
- An area's result is the mean level of its answered criteria as a percentage of the
  catalogue's highest level: 100 × (sum of the levels) / (answered criteria × highest
  level), rounded half up to a whole percent. Criteria left unanswered do not count; an
  area without any answer has no result.
- A criterion is a strength when its level is at least two thirds of the highest level
  (3 levels: 2 or 3) and a gap when it is at most one third of it (3 levels: 0 or 1).
- The comparison with the previous self-check of the same institution is the change of
  each area's result in percentage points; areas are matched by their code, so that a
  self-check under a newer catalogue version is compared with one under the older.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class CriterionSpec:
    pk: int
    code: str
    question: str


@dataclass(frozen=True)
class AreaSpec:
    code: str
    title: str
    criteria: Sequence[CriterionSpec]


@dataclass(frozen=True)
class Rated:
    criterion: CriterionSpec
    level: int


@dataclass
class AreaResult:
    code: str
    title: str
    answered: int
    criteria: int
    level_sum: int
    percent: int | None
    strengths: list[Rated] = field(default_factory=list)
    gaps: list[Rated] = field(default_factory=list)
    unanswered: list[CriterionSpec] = field(default_factory=list)
    previous_percent: int | None = None
    change: int | None = None


def percent(levels: Sequence[int], top_level: int) -> int | None:
    if not levels:
        return None
    exact = Decimal(100 * sum(levels)) / Decimal(len(levels) * top_level)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def is_strength(level: int, top_level: int) -> bool:
    return 3 * level >= 2 * top_level


def is_gap(level: int, top_level: int) -> bool:
    return 3 * level <= top_level


def area_results(
    areas: Sequence[AreaSpec], answers: Mapping[int, int], top_level: int
) -> list[AreaResult]:
    """`answers`: criterion pk -> level (unanswered criteria are missing)."""
    results = []
    for area in areas:
        rated = [Rated(c, answers[c.pk]) for c in area.criteria if c.pk in answers]
        levels = [item.level for item in rated]
        results.append(
            AreaResult(
                code=area.code,
                title=area.title,
                answered=len(rated),
                criteria=len(area.criteria),
                level_sum=sum(levels),
                percent=percent(levels, top_level),
                strengths=[item for item in rated if is_strength(item.level, top_level)],
                gaps=[item for item in rated if is_gap(item.level, top_level)],
                unanswered=[c for c in area.criteria if c.pk not in answers],
            )
        )
    return results


def compare(current: list[AreaResult], previous: Sequence[AreaResult]) -> list[AreaResult]:
    """Adds the previous result and the change in percentage points to each area."""
    before = {result.code: result.percent for result in previous}
    for result in current:
        result.previous_percent = before.get(result.code)
        if result.percent is not None and result.previous_percent is not None:
            result.change = result.percent - result.previous_percent
    return current


def overall(results: Sequence[AreaResult], top_level: int) -> int | None:
    """Over every answered criterion of the catalogue, by the same rule."""
    answered = sum(result.answered for result in results)
    if not answered:
        return None
    total = sum(result.level_sum for result in results)
    exact = Decimal(100 * total) / Decimal(answered * top_level)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
