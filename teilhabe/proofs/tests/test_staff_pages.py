"""Staff's proof page as the integration coordinator: the check, a repayment request and
its booking through the page; a wrong request id is a 400, not a 500."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.proofs import services
from teilhabe.proofs.models import ProofOfUse, ProofStatus, RepaymentRequest
from teilhabe.proofs.tests.files import CSV_CP1252
from teilhabe.proofs.tests.world import granted

pytestmark = pytest.mark.django_db


def test_check_and_repayment_through_the_page(users_by_role: dict[str, Any]) -> None:
    grant, _token = granted()
    proof = services.proof_for(grant)
    services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252))
    services.save_report(proof, "Bericht", Decimal("400"))
    services.submit(proof)
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("proofs:proof_detail", kwargs={"pk": grant.pk})
    page = client.get(url).content.decode()
    assert "1.069,50" in page  # the suggested repayment, filled in
    assert client.post(url, {"action": "check", "accepted": "1", "note": ""}).status_code == 302
    assert ProofOfUse.objects.get(pk=proof.pk).status == ProofStatus.ACCEPTED
    response = client.post(
        url, {"action": "repayment", "amount": "1.069,50", "reason": "nicht verbraucht"}
    )
    assert response.status_code == 302
    request = RepaymentRequest.objects.get()
    assert request.amount == Decimal("1069.50")
    assert client.post(url, {"action": "book", "request": "abc"}).status_code == 400
    assert client.post(url, {"action": "book", "request": request.pk}).status_code == 302
    request.refresh_from_db()
    assert request.booking is not None and request.booking.kind == "rueckzahlung"
