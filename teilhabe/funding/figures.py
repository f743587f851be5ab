"""The money of a fund in a budget year: budget, committed, paid and still free.

Computed from the fund's ledger (`FundBooking`), never stored:

- committed = commitments − releases − repayments
- paid      = payments − repayments
- free      = budget − committed
- open      = committed − paid (promised, not yet paid out)

A release withdraws a grant (or the part of it not paid); a repayment gives money that
was paid back to the fund, so it lowers what was paid and, with it, what stays
committed: the money is free again in the booking's budget year. Amounts are `Decimal`
in euros; a year without a budget has a budget of 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from teilhabe.funding.models import BookingKind, Fund, FundBooking, FundBudget

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class FundFigures:
    fund: Fund
    year: int
    budget: Decimal
    committed: Decimal
    paid: Decimal

    @property
    def free(self) -> Decimal:
        return self.budget - self.committed

    @property
    def open(self) -> Decimal:
        return self.committed - self.paid


def _figures(fund: Fund, year: int, budget: Decimal, sums: dict[str, Decimal]) -> FundFigures:
    repaid = sums.get(BookingKind.REPAYMENT, ZERO)
    committed = (
        sums.get(BookingKind.COMMITMENT, ZERO) - sums.get(BookingKind.RELEASE, ZERO) - repaid
    )
    paid = sums.get(BookingKind.PAYMENT, ZERO) - repaid
    return FundFigures(fund=fund, year=year, budget=budget, committed=committed, paid=paid)


def fund_figures(fund: Fund, year: int) -> FundFigures:
    """The figures of one fund and year (two queries)."""
    return funds_figures([fund], year)[0]


def funds_figures(funds: Iterable[Fund], year: int) -> list[FundFigures]:
    """The figures of several funds in one year, in the order given (two queries)."""
    funds = list(funds)
    ids = [fund.pk for fund in funds]
    budgets = dict(
        FundBudget.objects.filter(fund_id__in=ids, year=year).values_list("fund_id", "amount")
    )
    sums: dict[int, dict[str, Decimal]] = {}
    rows = (
        FundBooking.objects.filter(fund_id__in=ids, year=year)
        .values("fund_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        sums.setdefault(row["fund_id"], {})[row["kind"]] = row["total"]
    return [
        _figures(fund, year, budgets.get(fund.pk, ZERO), sums.get(fund.pk, {})) for fund in funds
    ]


def years_of(fund: Fund) -> list[int]:
    """The budget years of a fund: those with a budget or a booking, newest first."""
    years = set(fund.budgets.values_list("year", flat=True))
    years |= set(fund.bookings.values_list("year", flat=True))
    return sorted(years, reverse=True)
