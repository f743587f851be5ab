"""Payment requests (Mittelabruf) and payments of a grant.

The fund's money moves through `funding.services.pay` only, which refuses a payment
beyond what the fund has committed and not paid in the grant's budget year. On top of
that a grant never pays more than it granted: a payment above the amount granted minus
what was paid is refused, and a request above what is still to be paid minus the
requests waiting is refused. The grant's row is locked while a payment is checked and
booked, so two payments recorded at the same moment cannot together exceed it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from teilhabe.funding import services as funding
from teilhabe.grants.amounts import euro
from teilhabe.grants.application_models import Grant, Status
from teilhabe.grants.grant_models import Payment, PaymentRequest

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class GrantMoney:
    granted: Decimal
    paid: Decimal
    requested: Decimal  # requests waiting for payment

    @property
    def to_pay(self) -> Decimal:
        return self.granted - self.paid

    @property
    def requestable(self) -> Decimal:
        return self.granted - self.paid - self.requested


def money(grant: Grant) -> GrantMoney:
    paid = grant.payments.aggregate(total=Sum("amount"))["total"] or ZERO
    waiting = grant.payment_requests.filter(status=PaymentRequest.Status.OPEN)
    requested = waiting.aggregate(total=Sum("amount"))["total"] or ZERO
    return GrantMoney(granted=grant.amount, paid=paid, requested=requested)


def _positive(amount: Decimal) -> None:
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than 0."))


def _approved(grant: Grant) -> None:
    if grant.application.status != Status.APPROVED:
        raise ValidationError(_("Money is paid only for an approved application."))


@transaction.atomic
def request_payment(grant: Grant, amount: Decimal, note: str, user: Any) -> PaymentRequest:
    """A request by staff (`user`) or by the grantee through the link (`user` None)."""
    grant = Grant.objects.select_for_update().select_related("application").get(pk=grant.pk)
    _approved(grant)
    _positive(amount)
    figures = money(grant)
    if amount > figures.requestable:
        raise ValidationError(
            _("%(amount)s exceed what can still be requested of this grant (%(left)s).")
            % {"amount": euro(amount), "left": euro(max(figures.requestable, ZERO))}
        )
    return PaymentRequest.objects.create(
        grant=grant,
        amount=amount,
        note=note[:300],
        by_grantee=user is None,
        requested_by=user,
    )


@transaction.atomic
def record_payment(
    grant: Grant,
    amount: Decimal,
    paid_on: datetime.date,
    user: Any,
    request: PaymentRequest | None = None,
) -> Payment:
    """Books a payment in the fund's ledger and against the grant."""
    grant = (
        Grant.objects.select_for_update()
        .select_related("application__fund", "booking")
        .get(pk=grant.pk)
    )
    _approved(grant)
    _positive(amount)
    if request is not None:
        request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
        if request.grant_id != grant.pk or request.status != PaymentRequest.Status.OPEN:
            raise ValidationError(_("The payment request is not open."))
    figures = money(grant)
    if amount > figures.to_pay:
        raise ValidationError(
            _("%(amount)s exceed the amount granted minus what was paid (%(left)s).")
            % {"amount": euro(amount), "left": euro(figures.to_pay)}
        )
    booking = funding.pay(
        grant.application.fund,
        grant.booking.year,
        amount,
        f"Antrag {grant.application_id}: Auszahlung",
        paid_on,
    )
    payment = Payment.objects.create(
        grant=grant,
        request=request,
        amount=amount,
        paid_on=paid_on,
        booking=booking,
        recorded_by=user,
    )
    if request is not None:
        request.status = PaymentRequest.Status.PAID
        request.save(update_fields=["status"])
    return payment


@transaction.atomic
def refuse_request(request: PaymentRequest, answer: str) -> PaymentRequest:
    request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PaymentRequest.Status.OPEN:
        raise ValidationError(_("The payment request is not open."))
    request.status = PaymentRequest.Status.REFUSED
    request.answer = answer[:300]
    request.save(update_fields=["status", "answer"])
    return request
