"""The way of an application: draft by link, balance, documents checked by content,
completeness, assessment, agenda, board decision, grant committed against the fund
(refused beyond the free budget); the status history only grows."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from teilhabe.funding import services as funding
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants import applications as apps
from teilhabe.grants import services
from teilhabe.grants.application_models import Status, StatusChange
from teilhabe.grants.tests.world import attend, board_world
from teilhabe.planning.models import Concept, FieldOfAction

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 4)
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def fund(db: None) -> Fund:
    fund = Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    funding.set_budget(fund, 2025, Decimal("5000"))
    return fund


@pytest.fixture
def field(db: None) -> FieldOfAction:
    concept = Concept.objects.create(slug="wir", title="WIR")
    return FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")


def _fields(field: FieldOfAction, **extra: Any) -> dict[str, Any]:
    return {
        "organisation_name": "Kulturverein Brücke e. V.",
        "contact_name": "Ayşe Demir",
        "contact_email": "demir@bruecke.example",
        "title": "Sprachcafé",
        "field_of_action": field,
        "own_contribution": Decimal("234.50"),
        "requested": Decimal("1000"),
        **extra,
    }


LINES = [("Honorare", Decimal("1000")), ("Material", Decimal("234.50"))]


def test_the_link_opens_only_its_application(fund: Fund, field: FieldOfAction) -> None:
    first, token = apps.start(fund, 2025, _fields(field), LINES)
    _second, other = apps.start(fund, 2025, _fields(field), LINES)
    assert apps.by_token(token) == first
    assert apps.by_token(other) != first
    assert first.token_hash != token and len(first.token_hash) == 64  # only the hash is kept
    assert apps.by_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_the_finance_plan_must_balance(fund: Fund, field: FieldOfAction) -> None:
    application, _token = apps.start(fund, 2025, _fields(field, requested=Decimal("900")), LINES)
    # costs 1.234,50; own 234,50 + requested 900 = 1.134,50
    with pytest.raises(ValidationError, match=r"1\.234,50 €.*1\.134,50 €"):
        apps.submit(application)
    assert application.status == Status.DRAFT
    apps.save_draft(application, {"requested": Decimal("1000")}, LINES)
    apps.submit(application)
    assert application.status == Status.SUBMITTED
    with pytest.raises(ValidationError):
        apps.save_draft(application, {"title": "geändert"}, LINES)


def test_documents_are_checked_by_content_and_size(
    fund: Fund, field: FieldOfAction, settings: Any
) -> None:
    application, _token = apps.start(fund, 2025, _fields(field), LINES)
    document = apps.add_document(application, "Satzung.pdf", io.BytesIO(PDF))
    assert document.content_type == "application/pdf"
    with pytest.raises(ValidationError, match="PDF"):
        apps.add_document(application, "Satzung.pdf", io.BytesIO(b"MZ\x90\x00 not a pdf"))
    settings.DOCUMENT_MAX_UPLOAD = 1024
    with pytest.raises(ValidationError, match=r"1024|MB"):
        apps.add_document(application, "gross.pdf", io.BytesIO(PDF + b"0" * 2048))
    assert application.documents.count() == 1


def _through_assessment(fund: Fund, field: FieldOfAction, amount: str) -> Any:
    application, _token = apps.start(fund, 2025, _fields(field), LINES)
    apps.submit(application)
    apps.check_completeness(application, None, complete=True, note="")
    apps.assess(
        application,
        None,
        content="Passt zum Handlungsfeld.",
        calculation="Honorarsätze üblich.",
        eligible_costs=Decimal("1234.50"),
        recommendation="bewilligen",
        recommended_amount=Decimal(amount),
    )
    return application


def test_a_positive_decision_commits_the_grant_against_the_fund(
    fund: Fund, field: FieldOfAction, city: Any
) -> None:
    application = _through_assessment(fund, field, "1000")
    board = board_world(city)
    item = apps.put_on_agenda(application, board["meeting"], None)
    a, b, _c, d, _e = board["members"]
    services.invite(board["meeting"], board["members"], DAY)
    attend(board["meeting"], a, b, d)
    services.record_counts(item, None, yes=3, no=0, abstain=0)
    grant = apps.apply_decision(application, None, DAY)
    assert grant is not None and grant.amount == Decimal("1000")
    figures = fund_figures(fund, 2025)
    assert (figures.committed, figures.free) == (Decimal("1000"), Decimal("4000"))
    assert [change.status for change in application.history.all()] == [
        "entwurf",
        "eingereicht",
        "vollstaendig",
        "geprueft",
        "tagesordnung",
        "bewilligt",
    ]


def test_a_grant_beyond_the_free_budget_is_refused(
    fund: Fund, field: FieldOfAction, city: Any
) -> None:
    funding.commit(fund, 2025, Decimal("4500"), "anderes Projekt", DAY)  # 500 free
    application = _through_assessment(fund, field, "1000")
    board = board_world(city)
    item = apps.put_on_agenda(application, board["meeting"], None)
    a, b, _c, d, _e = board["members"]
    attend(board["meeting"], a, b, d)
    services.record_counts(item, None, yes=3, no=0, abstain=0)
    with pytest.raises(funding.BudgetExceeded):
        apps.apply_decision(application, None, DAY)
    application.refresh_from_db()
    assert application.status == Status.ON_AGENDA
    assert fund_figures(fund, 2025).free == Decimal("500")


def test_a_rejection_is_carried_over(fund: Fund, field: FieldOfAction, city: Any) -> None:
    application = _through_assessment(fund, field, "1000")
    board = board_world(city)
    item = apps.put_on_agenda(application, board["meeting"], None)
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    services.record_counts(item, None, yes=2, no=2, abstain=0)
    assert apps.apply_decision(application, None, DAY) is None
    assert application.status == Status.REJECTED


def test_the_status_history_is_only_added_to(fund: Fund, field: FieldOfAction) -> None:
    application, _token = apps.start(fund, 2025, _fields(field), LINES)
    change = StatusChange.objects.get(application=application)
    change.note = "umgeschrieben"
    with pytest.raises(ValueError, match="only ever added"):
        change.save()
