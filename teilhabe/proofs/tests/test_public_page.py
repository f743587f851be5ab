"""The grantee's proof-of-use page behind the application's link: only the right token
of a granted application opens it; the receipt list is uploaded, refused with every
problem named and nothing stored, or stored with the deviations flagged."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from teilhabe.grants import applications
from teilhabe.proofs.models import ProofOfUse, ProofStatus, Receipt
from teilhabe.proofs.tests.files import CSV_BAD, CSV_CP1252, xlsx_receipts
from teilhabe.proofs.tests.world import granted

pytestmark = pytest.mark.django_db


def _url(token: str) -> str:
    return reverse("proofs:public:proof", kwargs={"token": token})


def test_only_the_token_of_a_granted_application_opens_the_page() -> None:
    grant, token = granted()
    assert Client().get(_url(token)).status_code == 200
    assert Client().get(_url("x" * 43)).status_code == 404
    assert Client().get(_url(token[:-1] + ("A" if token[-1] != "A" else "B"))).status_code == 404
    # The link of an application without a grant (a draft) opens no proof page.
    _application, draft_token = applications.start(
        grant.application.fund, 2025, {"organisation_name": "V", "contact_name": "N",
        "contact_email": "n@v.example", "title": "T"}, [("Honorare", Decimal("10"))],
    )  # fmt: skip
    assert Client().get(_url(draft_token)).status_code == 404
    assert Client().get(f"/zuschuesse/nachweis/{token}%00/").status_code == 404


def test_upload_flags_deviations_and_refuses_a_bad_file_without_storing() -> None:
    _grant, token = granted()
    client = Client()
    upload = SimpleUploadedFile("Belegliste.csv", CSV_CP1252, content_type="text/csv")
    response = client.post(_url(token), {"action": "upload", "receipts": upload}, follow=True)
    page = response.content.decode()
    assert Receipt.objects.count() == 3
    assert "Bäckerei Özdemir" in page
    # Honorare −40 % and Sachkosten −74.92 % flagged; Öffentlichkeitsarbeit +20 % not
    assert page.count("kern-badge--warning") == 2

    bad = SimpleUploadedFile("belege.csv", CSV_BAD, content_type="text/csv")
    response = client.post(_url(token), {"action": "upload", "receipts": bad})
    assert response.status_code == 400
    page = response.content.decode()
    assert "belege.csv:2:datum:" in page and "belege.csv:4:position:" in page
    assert Receipt.objects.count() == 3  # the earlier list stays


def test_xlsx_upload_report_and_submission() -> None:
    grant, token = granted()
    client = Client()
    upload = SimpleUploadedFile("Belege.xlsx", xlsx_receipts())
    client.post(_url(token), {"action": "upload", "receipts": upload})
    assert Receipt.objects.count() == 3
    response = client.post(
        _url(token),
        {"action": "submit", "report": "Zwölf Treffen.", "own_contribution": "1.000,00"},
    )
    assert response.status_code == 302
    assert ProofOfUse.objects.get(grant=grant).status == ProofStatus.SUBMITTED
    # submitted: a further upload changes nothing
    client.post(
        _url(token), {"action": "upload", "receipts": SimpleUploadedFile("b.csv", CSV_CP1252)}
    )
    assert Receipt.objects.count() == 3


def test_a_wrong_amount_in_the_report_form_keeps_what_was_typed() -> None:
    _grant, token = granted()
    response = Client().post(
        _url(token), {"action": "save", "report": "Mein Bericht", "own_contribution": "1000.50"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mein Bericht" in page and "1000.50" in page


def test_too_large_a_file_is_refused() -> None:
    _grant, token = granted()
    big = SimpleUploadedFile("b.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = Client().post(_url(token), {"action": "upload", "receipts": big})
    assert response.status_code == 400
    assert Receipt.objects.count() == 0


__all__ = ["io"]


def test_the_application_page_of_a_grant_links_to_the_proof() -> None:
    _grant, token = granted()
    page = Client().get(reverse("grants:public:draft", kwargs={"token": token})).content.decode()
    assert _url(token) in page


def test_guessing_proof_links_is_rate_limited(settings: Any) -> None:
    """The proof page opens with the grant's link, like the application's own pages,
    and shares their limit per address."""
    settings.GRANTS_PUBLIC_RATE = {"address": (2, 600)}
    client = Client()
    guess = reverse("proofs:public:proof", kwargs={"token": "y" * 43})
    assert [client.get(guess).status_code for _ in range(3)] == [404, 404, 429]
