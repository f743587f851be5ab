"""Whatever the grants process books, in whatever order: the ledger agrees with a plain
model of the rules (a refused booking changes nothing), and a fund never has less than
nothing free, never pays more than it committed, never has paid less than nothing."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from teilhabe.funding import services
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundKind

pytestmark = pytest.mark.django_db

BUDGET = Decimal("1000.00")
numbers = itertools.count()
bookings = st.lists(
    st.tuples(
        st.sampled_from(["commit", "release", "pay", "repay"]),
        st.integers(min_value=1, max_value=60000).map(lambda cents: Decimal(cents) / 100),
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bookings)
def test_the_ledger_follows_the_rules(steps: list[tuple[str, Decimal]]) -> None:
    fund = Fund.objects.create(name=f"Fonds {next(numbers)}", kind=FundKind.OTHER)
    services.set_budget(fund, 2024, BUDGET)
    committed = paid = Decimal("0")
    for kind, amount in steps:
        allowed = {
            "commit": amount <= BUDGET - committed,
            "release": amount <= committed - paid,
            "pay": amount <= committed - paid,
            "repay": amount <= paid,
        }[kind]
        try:
            getattr(services, kind)(fund, 2024, amount, "Projekt")
        except services.BudgetExceeded:
            assert not allowed, (kind, amount)
            continue
        assert allowed, (kind, amount)
        if kind == "commit":
            committed += amount
        elif kind == "release":
            committed -= amount
        elif kind == "pay":
            paid += amount
        else:
            committed, paid = committed - amount, paid - amount
        figures = fund_figures(fund, 2024)
        assert (figures.committed, figures.paid) == (committed, paid)
        assert figures.free >= 0 and 0 <= figures.paid <= figures.committed <= BUDGET
