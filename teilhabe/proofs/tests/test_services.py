"""Due dates, submission, staff's check and the repayment request booked in the fund's
ledger, with the fund's figures computed by hand."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from teilhabe.funding.figures import fund_figures
from teilhabe.funding.services import BudgetExceeded
from teilhabe.grants.application_models import Grant
from teilhabe.proofs import services
from teilhabe.proofs.models import ProofOfUse, ProofStatus
from teilhabe.proofs.tests.files import CSV_CP1252
from teilhabe.proofs.tests.world import granted

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 3, 2)


def test_without_a_notice_the_proof_is_due_six_months_after_the_project() -> None:
    grant, _token = granted()  # project ends 31.12.2025
    assert services.proof_for(grant).due_on == datetime.date(2026, 6, 30)
    grant.application.ends_on = datetime.date(2025, 8, 31)
    assert services.default_due(grant) == datetime.date(2026, 2, 28)  # no 31.02.


def test_the_grant_notice_sets_the_due_date_and_the_period() -> None:
    try:
        notice_model = apps.get_model("grants", "GrantNotice")
    except LookupError:
        pytest.skip("grants has no notices in this tree")
    grant, _token = granted()
    notice_model.objects.create(
        grant=grant,
        purpose="Sprachcafé",
        starts_on=datetime.date(2025, 5, 1),
        ends_on=datetime.date(2025, 11, 30),
        proof_due_on=datetime.date(2026, 3, 31),
        issued_on=datetime.date(2025, 3, 10),
        file_id="f" * 32,
        size=1,
        sha256="0" * 64,
    )
    assert services.proof_for(grant).due_on == datetime.date(2026, 3, 31)
    assert services.period(grant) == (datetime.date(2025, 5, 1), datetime.date(2025, 11, 30))


def _submitted() -> tuple[Grant, ProofOfUse]:
    grant, _token = granted()
    proof = services.proof_for(grant)
    services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252))
    services.save_report(proof, "Zwölf Treffen mit 140 Gästen.", Decimal("400"))
    services.submit(proof)
    return grant, proof


def test_submission_needs_report_own_contribution_and_receipts() -> None:
    grant, _token = granted()
    proof = services.proof_for(grant)
    with pytest.raises(ValidationError, match="Sachbericht"):
        services.submit(proof)
    services.save_report(proof, "Bericht", None)
    with pytest.raises(ValidationError, match="Eigenmittel"):
        services.submit(proof)
    services.save_report(proof, "Bericht", Decimal("0"))
    with pytest.raises(ValidationError, match="Belegliste"):
        services.submit(proof)
    services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252))
    services.submit(proof)
    assert proof.status == ProofStatus.SUBMITTED
    with pytest.raises(ValidationError):
        services.save_report(proof, "später geändert", Decimal("0"))


def test_statement_of_the_csv_receipts() -> None:
    _grant, proof = _submitted()
    statement = services.statement_of(proof)
    # Honorare 2,000 planned, 1,200 spent (−40 %); Sachkosten 600/150.50 (−74.92 %);
    # Öffentlichkeitsarbeit 400/480 (+20 %: not flagged)
    assert [(line.actual, line.flagged) for line in statement.lines] == [
        (Decimal("1200.00"), True),
        (Decimal("150.50"), True),
        (Decimal("480.00"), False),
    ]
    # costs 1,830.50 − own 400 = 1,430.50 needed of 2,500: 1,069.50 unused
    assert statement.unused == Decimal("1069.50")


def test_check_returns_with_a_note_or_accepts() -> None:
    _grant, proof = _submitted()
    with pytest.raises(ValidationError, match="nachbessern"):
        services.check(proof, None, False, "")
    services.check(proof, None, False, "Bitte Beleg 3 erläutern.")
    assert proof.status == ProofStatus.RETURNED and proof.editable
    services.submit(proof)
    services.check(proof, None, True, "")
    assert proof.status == ProofStatus.ACCEPTED


def test_repayment_request_is_booked_through_the_funds_ledger() -> None:
    grant, proof = _submitted()
    fund = grant.application.fund
    # before: budget 10,000; committed 2,500; paid 2,500; free 7,500
    before = fund_figures(fund, 2025)
    assert (before.committed, before.paid, before.free) == (
        Decimal("2500"),
        Decimal("2500"),
        Decimal("7500"),
    )
    request = services.request_repayment(proof, Decimal("1069.50"), "nicht verbraucht", None, DAY)
    # a request alone moves no money
    assert fund_figures(fund, 2025).paid == Decimal("2500")
    services.book_repayment(request, DAY)
    after = fund_figures(fund, 2025)
    # committed 2,500 − 1,069.50 = 1,430.50; paid the same; free 10,000 − 1,430.50
    assert (after.committed, after.paid, after.free) == (
        Decimal("1430.50"),
        Decimal("1430.50"),
        Decimal("8569.50"),
    )
    with pytest.raises(ValidationError, match="bereits gebucht"):
        services.book_repayment(request, DAY)


def test_repayments_never_exceed_the_grant_nor_what_was_paid() -> None:
    grant, proof = _submitted()
    with pytest.raises(ValidationError, match="Zuwendung übersteigen"):
        services.request_repayment(proof, Decimal("2500.01"), "zu viel", None, DAY)
    # A request is allowed up to the grant; the ledger refuses to book more than was paid.
    fund = grant.application.fund
    from teilhabe.funding import services as funding

    funding.repay(fund, 2025, Decimal("2000"), "andere Rückzahlung", DAY)
    request = services.request_repayment(proof, Decimal("600"), "nicht verbraucht", None, DAY)
    with pytest.raises(BudgetExceeded):
        services.book_repayment(request, DAY)
    request.refresh_from_db()
    assert request.booking_id is None
