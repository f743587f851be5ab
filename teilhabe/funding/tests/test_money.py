"""A fund's money across a year, computed by hand: commitments, a withdrawn grant, three
payments and a repayment; and every booking that would go beyond the budget refused
with nothing written."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from teilhabe.funding import services
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundBooking, FundKind

pytestmark = pytest.mark.django_db

D = Decimal


def day(month: int, dom: int) -> datetime.date:
    return datetime.date(2024, month, dom)


def figures(fund: Fund, year: int = 2024) -> tuple[D, D, D, D]:
    f = fund_figures(fund, year)
    return f.committed, f.paid, f.free, f.open


@pytest.fixture
def fund() -> Fund:
    fund = services.save_fund(Fund(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS))
    services.set_budget(fund, 2024, D("50000.00"))
    services.set_budget(fund, 2023, D("10000.00"))
    # Another year's booking must not count in 2024.
    services.commit(fund, 2023, D("5000.00"), "Projekt 2023", day(1, 2))
    return fund


def test_a_year_with_a_withdrawn_grant_and_a_repayment(fund: Fund) -> None:
    #                                                    committed  paid     free     open
    services.commit(fund, 2024, D("12000"), "A: Sprachcafé", day(1, 15))
    assert figures(fund) == (D("12000"), D("0"), D("38000"), D("12000"))
    services.commit(fund, 2024, D("8000"), "B: Nähwerkstatt", day(2, 1))
    assert figures(fund) == (D("20000"), D("0"), D("30000"), D("20000"))
    services.pay(fund, 2024, D("6000"), "A: 1. Rate", day(3, 1))
    assert figures(fund) == (D("20000"), D("6000"), D("30000"), D("14000"))
    services.commit(fund, 2024, D("20000"), "C: Elterncafé", day(4, 15))
    assert figures(fund) == (D("40000"), D("6000"), D("10000"), D("34000"))
    services.release(fund, 2024, D("8000"), "B: Bewilligung widerrufen", day(4, 30))
    assert figures(fund) == (D("32000"), D("6000"), D("18000"), D("26000"))
    services.pay(fund, 2024, D("6000"), "A: 2. Rate", day(6, 1))
    services.pay(fund, 2024, D("15000"), "C: 1. Rate", day(7, 1))
    assert figures(fund) == (D("32000"), D("27000"), D("18000"), D("5000"))
    services.repay(fund, 2024, D("1500"), "A: Rückforderung nach Verwendungsnachweis", day(10, 1))
    # 12,000 + 8,000 + 20,000 − 8,000 − 1,500 committed; 6,000 + 6,000 + 15,000 − 1,500
    # paid; 50,000 − 30,500 free; C's second instalment of 5,000 still open.
    assert figures(fund) == (D("30500"), D("25500"), D("19500"), D("5000"))
    assert figures(fund, 2023) == (D("5000"), D("0"), D("5000"), D("5000"))
    assert fund_figures(fund, 2024).budget == D("50000")


def test_a_commitment_beyond_the_free_budget_is_refused(fund: Fund) -> None:
    services.commit(fund, 2024, D("30500"), "A", day(1, 15))
    before = FundBooking.objects.count()
    with pytest.raises(services.BudgetExceeded) as refused:
        services.commit(fund, 2024, D("19500.01"), "B", day(2, 1))
    assert "19.500,00" in refused.value.messages[0]  # the free amount, written as in German
    assert FundBooking.objects.count() == before
    services.commit(fund, 2024, D("19500.00"), "B", day(2, 1))
    assert figures(fund)[2] == D("0")
    with pytest.raises(services.BudgetExceeded):
        services.commit(fund, 2024, D("0.01"), "C", day(2, 2))


def test_a_year_without_budget_commits_nothing(fund: Fund) -> None:
    with pytest.raises(services.BudgetExceeded):
        services.commit(fund, 2025, D("1"), "zu früh", day(12, 1))


def test_releases_payments_and_repayments_stay_within_what_was_booked(fund: Fund) -> None:
    services.commit(fund, 2024, D("10000"), "A", day(1, 15))
    services.pay(fund, 2024, D("4000"), "A 1", day(2, 1))
    before = FundBooking.objects.count()
    with pytest.raises(services.BudgetExceeded):
        services.pay(fund, 2024, D("6000.01"), "A 2", day(3, 1))  # only 6,000 open
    with pytest.raises(services.BudgetExceeded):
        services.release(fund, 2024, D("6000.01"), "A weg", day(3, 1))  # paid money stays
    with pytest.raises(services.BudgetExceeded):
        services.repay(fund, 2024, D("4000.01"), "A zurück", day(3, 1))  # only 4,000 paid
    assert FundBooking.objects.count() == before


def test_the_budget_cannot_fall_below_what_is_committed(fund: Fund) -> None:
    services.commit(fund, 2024, D("30000"), "A", day(1, 15))
    with pytest.raises(services.BudgetExceeded):
        services.set_budget(fund, 2024, D("29999.99"))
    assert fund_figures(fund, 2024).budget == D("50000")
    services.set_budget(fund, 2024, D("30000"))
    assert fund_figures(fund, 2024).free == D("0")


def test_amounts_and_references_are_required(fund: Fund) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.commit(fund, 2024, D("0"), "A")
    with pytest.raises(ValidationError):
        services.commit(fund, 2024, D("100"), "  ")


def test_a_booking_is_never_changed(fund: Fund) -> None:
    booking = services.commit(fund, 2024, D("100"), "A", day(1, 15))
    booking.amount = D("50")
    with pytest.raises(ValueError):
        booking.save()
