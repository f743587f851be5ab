"""The numerical statement of a proof of use (zahlenmäßiger Nachweis): the finance plan's
lines with what was planned and what the receipts add up to, the own contribution, and
what the grant should have been. Pure functions over numbers, no database.

Rule (decided): a line is flagged when its actual total differs from the plan by more
than 20 % of the planned amount, in either direction; exactly 20 % is not flagged
(ANBest-P Nr. 1.2 allows overruns of single lines up to 20 % when covered elsewhere).
A line planned at 0 is flagged as soon as anything is spent on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")
TOLERANCE = Decimal("0.20")


@dataclass(frozen=True)
class LineStatement:
    position: int
    label: str
    planned: Decimal
    actual: Decimal

    @property
    def deviation(self) -> Decimal:
        return self.actual - self.planned

    @property
    def share(self) -> Decimal | None:
        """The deviation as a fraction of the plan (0.2 = 20 %); None for a line planned at 0."""
        if self.planned == 0:
            return None
        return self.deviation / self.planned

    @property
    def percent(self) -> Decimal | None:
        share = self.share
        return None if share is None else (share * 100).quantize(Decimal("0.01"))

    @property
    def flagged(self) -> bool:
        return deviates(self.planned, self.actual)


def deviates(planned: Decimal, actual: Decimal) -> bool:
    """True when actual differs from planned by more than 20 % of planned."""
    if planned == 0:
        return actual != 0
    return abs(actual - planned) > TOLERANCE * planned


@dataclass(frozen=True)
class Statement:
    lines: tuple[LineStatement, ...]
    own_planned: Decimal
    own_actual: Decimal | None
    granted: Decimal

    @property
    def planned_total(self) -> Decimal:
        return sum((line.planned for line in self.lines), ZERO)

    @property
    def actual_total(self) -> Decimal:
        return sum((line.actual for line in self.lines), ZERO)

    @property
    def grant_needed(self) -> Decimal:
        """The costs the own contribution does not cover, never more than was granted
        (deficit financing: lower costs lower the grant, ANBest-P Nr. 2)."""
        own = self.own_actual if self.own_actual is not None else self.own_planned
        return min(self.granted, max(ZERO, self.actual_total - own))

    @property
    def unused(self) -> Decimal:
        """What the grant exceeded the need by: the suggestion for a repayment request."""
        return self.granted - self.grant_needed

    @property
    def flagged(self) -> list[LineStatement]:
        return [line for line in self.lines if line.flagged]


def build(
    plan: Sequence[tuple[int, str, Decimal]],
    spent: Iterable[tuple[int, Decimal]],
    own_planned: Decimal,
    own_actual: Decimal | None,
    granted: Decimal,
) -> Statement:
    """`plan`: (position, label, planned) per line; `spent`: (position, amount) per receipt."""
    totals: dict[int, Decimal] = {}
    for position, amount in spent:
        totals[position] = totals.get(position, ZERO) + amount
    lines = tuple(
        LineStatement(position, label, planned, totals.get(position, ZERO))
        for position, label, planned in plan
    )
    return Statement(lines, own_planned, own_actual, granted)
