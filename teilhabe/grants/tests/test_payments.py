"""Payment requests and payments of a grant, with the fund's money computed by hand.

The world: fund budget 10.000,00 € in 2025; one grant of 4.500,00 € committed.
So before any payment: committed 4.500, paid 0, free 5.500."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import FundBooking
from teilhabe.grants import payments
from teilhabe.grants.grant_models import Payment, PaymentRequest
from teilhabe.grants.tests.world import granted_world

pytestmark = pytest.mark.django_db
PAID_ON = datetime.date(2025, 5, 2)


@pytest.fixture
def world(city: Any) -> dict[str, Any]:
    return granted_world(city)


def _fund(world: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal]:
    figures = fund_figures(world["fund"], 2025)
    return figures.committed, figures.paid, figures.free


def test_a_request_paid_moves_the_funds_money(world: dict[str, Any]) -> None:
    grant = world["grant"]
    assert _fund(world) == (Decimal("4500"), Decimal("0"), Decimal("5500"))
    request = payments.request_payment(grant, Decimal("1500"), "Honorare Mai", None)
    assert request.by_grantee and request.status == PaymentRequest.Status.OPEN
    assert payments.money(grant).requestable == Decimal("3000")
    payments.record_payment(grant, Decimal("1500"), PAID_ON, None, request)
    request.refresh_from_db()
    assert request.status == PaymentRequest.Status.PAID
    # paid 1.500; committed stays 4.500 (paid money stays committed); free 10.000 − 4.500
    assert _fund(world) == (Decimal("4500"), Decimal("1500"), Decimal("5500"))
    figures = payments.money(grant)
    assert (figures.paid, figures.to_pay) == (Decimal("1500"), Decimal("3000"))
    booking = Payment.objects.get().booking
    assert (booking.kind, booking.year, booking.amount) == ("zahlung", 2025, Decimal("1500"))


def test_a_payment_above_granted_minus_paid_is_refused(world: dict[str, Any]) -> None:
    grant = world["grant"]
    payments.record_payment(grant, Decimal("4000"), PAID_ON, None)
    with pytest.raises(ValidationError, match=r"500,00 €"):
        payments.record_payment(grant, Decimal("500.01"), PAID_ON, None)
    assert Payment.objects.count() == 1
    assert FundBooking.objects.filter(kind="zahlung").count() == 1
    payments.record_payment(grant, Decimal("500"), PAID_ON, None)
    # everything paid: committed 4.500, paid 4.500, free 5.500; nothing left to pay
    assert _fund(world) == (Decimal("4500"), Decimal("4500"), Decimal("5500"))
    assert payments.money(grant).to_pay == Decimal("0")


def test_requests_cannot_exceed_what_is_left_and_refusals_free_it(world: dict[str, Any]) -> None:
    grant = world["grant"]
    first = payments.request_payment(grant, Decimal("3000"), "", None)
    with pytest.raises(ValidationError, match=r"1\.500,00 €"):
        payments.request_payment(grant, Decimal("1500.01"), "", None)
    payments.refuse_request(first, "Belege fehlen")
    assert payments.money(grant).requestable == Decimal("4500")
    with pytest.raises(ValidationError):
        payments.record_payment(grant, Decimal("100"), PAID_ON, None, first)  # not open


def test_staff_record_a_payment_on_the_page(world: dict[str, Any], users_by_role: Any) -> None:
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:grant_detail", kwargs={"pk": world["grant"].pk})
    response = client.post(
        url, {"action": "payment", "amount": "1.234,50", "paid_on": "2025-05-02"}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    # fund: committed 4.500,00, paid 1.234,50, free 5.500,00; grant: 3.265,50 to pay
    assert 'id="fund-paid">1.234,50 €' in page
    assert 'id="fund-free">5.500,00 €' in page
    assert 'id="to-pay">3.265,50 €' in page
    response = client.post(
        url, {"action": "payment", "amount": "3.265,51", "paid_on": "2025-05-03"}
    )
    assert response.status_code == 400
    assert Payment.objects.count() == 1
    assert "3.265,51" in response.content.decode()  # what was typed stays


def test_the_grantee_requests_money_through_the_link(world: dict[str, Any]) -> None:
    from django.test import Client

    url = reverse("grants:public:draft", kwargs={"token": world["token"]})
    page = Client().get(url).content.decode()
    assert "4.500,00 €" in page
    response = Client().post(url, {"action": "payment_request", "amount": "4.500,01", "note": ""})
    assert response.status_code == 400
    assert not PaymentRequest.objects.exists()
    response = Client().post(url, {"action": "payment_request", "amount": "2.000", "note": "Mai"})
    assert response.status_code == 302
    request = PaymentRequest.objects.get()
    assert (request.amount, request.by_grantee) == (Decimal("2000"), True)
