"""The write paths of funding: programmes, what depends on them, funds, budgets, and the
fund's ledger.

The grants app books through `commit`, `release`, `pay` and `repay` only; each locks
the fund's budget row of the year (on SQLite the IMMEDIATE transaction locks the
database) and checks the figures again before it writes, so that two grants decided at
the same moment cannot together exceed the free budget.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from teilhabe.core.versioning import save_versioned
from teilhabe.funding.figures import FundFigures, fund_figures
from teilhabe.funding.models import (
    BookingKind,
    Fund,
    FundBooking,
    FundBudget,
    FundingProgramme,
    ProgrammeDependency,
    StaffPost,
)


class BudgetExceeded(ValidationError):
    """A booking would take the fund beyond its budget (or undo more than was booked)."""


def _euro(amount: Decimal) -> str:
    return formats.number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)


def save_programme(programme: FundingProgramme, version: int | None = None) -> FundingProgramme:
    programme.full_clean()
    if programme.pk is None:
        programme.save()
    else:
        save_versioned(programme, version if version is not None else programme.version)
    return programme


def save_dependant(dependant: ProgrammeDependency) -> ProgrammeDependency:
    dependant.full_clean()
    dependant.save()
    return dependant


def remove_dependant(dependant: ProgrammeDependency) -> None:
    dependant.delete()


def save_post(post: StaffPost) -> StaffPost:
    post.full_clean()
    post.save()
    return post


def remove_post(post: StaffPost) -> None:
    post.delete()


def save_fund(fund: Fund, version: int | None = None) -> Fund:
    fund.full_clean()
    if fund.pk is None:
        fund.save()
    else:
        save_versioned(fund, version if version is not None else fund.version)
    return fund


@transaction.atomic
def set_budget(fund: Fund, year: int, amount: Decimal) -> FundBudget:
    """Sets a year's budget; never below what is already committed in that year."""
    if amount < 0:
        raise ValidationError(_("A budget cannot be negative."))
    budget, _created = FundBudget.objects.select_for_update().get_or_create(
        fund=fund, year=year, defaults={"amount": amount}
    )
    committed = fund_figures(fund, year).committed
    if amount < committed:
        raise BudgetExceeded(
            _("%(amount)s EUR are already committed in %(year)s; the budget cannot be lower.")
            % {"amount": _euro(committed), "year": year}
        )
    budget.amount = amount
    budget.save()
    return budget


def _book(
    fund: Fund,
    year: int,
    kind: str,
    amount: Decimal,
    reference: str,
    booked_on: datetime.date | None,
) -> FundBooking:
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than 0."))
    if not reference.strip():
        raise ValidationError(_("A booking needs a reference."))
    with transaction.atomic():
        # The lock on the year's budget row serialises bookings of one fund and year.
        list(FundBudget.objects.select_for_update().filter(fund=fund, year=year))
        _check(fund_figures(fund, year), kind, amount)
        return FundBooking.objects.create(
            fund=fund,
            year=year,
            kind=kind,
            amount=amount,
            reference=reference.strip(),
            booked_on=booked_on or timezone.localdate(),
        )


def _check(figures: FundFigures, kind: str, amount: Decimal) -> None:
    values = {"amount": _euro(amount), "year": figures.year, "fund": figures.fund}
    if kind == BookingKind.COMMITMENT and amount > figures.free:
        values["free"] = _euro(figures.free)
        raise BudgetExceeded(
            _("%(amount)s EUR exceed the free budget of %(fund)s in %(year)s (%(free)s EUR free).")
            % values
        )
    if kind == BookingKind.RELEASE and amount > figures.open:
        values["open"] = _euro(figures.open)
        raise BudgetExceeded(
            _("Only %(open)s EUR of %(fund)s in %(year)s are committed and not yet paid.") % values
        )
    if kind == BookingKind.PAYMENT and amount > figures.open:
        values["open"] = _euro(figures.open)
        raise BudgetExceeded(
            _(
                "%(amount)s EUR exceed what is committed and not yet paid of %(fund)s in "
                "%(year)s (%(open)s EUR)."
            )
            % values
        )
    if kind == BookingKind.REPAYMENT and amount > figures.paid:
        values["paid"] = _euro(figures.paid)
        raise BudgetExceeded(_("Only %(paid)s EUR of %(fund)s in %(year)s were paid.") % values)


def commit(
    fund: Fund,
    year: int,
    amount: Decimal,
    reference: str,
    booked_on: datetime.date | None = None,
) -> FundBooking:
    """Commits money for a grant; refused (`BudgetExceeded`) beyond the free budget."""
    return _book(fund, year, BookingKind.COMMITMENT, amount, reference, booked_on)


def release(
    fund: Fund,
    year: int,
    amount: Decimal,
    reference: str,
    booked_on: datetime.date | None = None,
) -> FundBooking:
    """Gives back committed money not paid (a grant withdrawn or reduced)."""
    return _book(fund, year, BookingKind.RELEASE, amount, reference, booked_on)


def pay(
    fund: Fund,
    year: int,
    amount: Decimal,
    reference: str,
    booked_on: datetime.date | None = None,
) -> FundBooking:
    """Pays out committed money; never more than is committed and not yet paid."""
    return _book(fund, year, BookingKind.PAYMENT, amount, reference, booked_on)


def repay(
    fund: Fund,
    year: int,
    amount: Decimal,
    reference: str,
    booked_on: datetime.date | None = None,
) -> FundBooking:
    """Records money paid back (a repayment request settled); it is free again."""
    return _book(fund, year, BookingKind.REPAYMENT, amount, reference, booked_on)
