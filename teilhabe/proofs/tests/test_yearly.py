"""The yearly funding report of 2025 against hand-computed figures: two funds, one of a
programme and one district fund of the city's own budget, with approved, submitted and
rejected applications and a repayment."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.funding import services as funding
from teilhabe.funding.models import Fund, FundingProgramme, FundKind
from teilhabe.grants import applications
from teilhabe.grants.application_models import Status
from teilhabe.organisations.models import Area
from teilhabe.planning.models import Concept, FieldOfAction
from teilhabe.proofs import yearly
from teilhabe.proofs.tests.world import DECIDED, granted

pytestmark = pytest.mark.django_db


def _world() -> None:
    programme = FundingProgramme.objects.create(code="wir", title="WIR 2.0")
    small = Fund.objects.create(
        name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS, programme=programme
    )
    district = Fund.objects.create(
        name="Quartiersfonds Nord",
        kind=FundKind.NEIGHBOURHOOD,
        area=Area.objects.create(code="N", name="Nord"),
    )
    funding.set_budget(small, 2025, Decimal("10000"))
    funding.set_budget(district, 2025, Decimal("6000"))
    language = FieldOfAction.objects.create(
        concept=Concept.objects.create(slug="wir", title="WIR"), code="HF1", title="Sprache"
    )
    for title in ("Sprachcafé", "Lesepaten"):
        grant, _token = granted(small, title=title)
        grant.application.field_of_action = language
        grant.application.save()
    for status in (Status.SUBMITTED, Status.REJECTED):
        application, _token = applications.start(
            small, 2025, {"organisation_name": "V", "contact_name": "N",
            "contact_email": "n@v.example", "title": "T"}, [("Honorare", Decimal("10"))],
        )  # fmt: skip
        application.status = status
        application.save()
    granted(district, title="Hoffest")
    funding.repay(district, 2025, Decimal("500"), "Rückforderung", DECIDED)


def test_the_report_of_a_year_by_hand() -> None:
    _world()
    report = yearly.report(2025, "ohne", "stadtweit", "Eigenmittel")
    assert [programme.label for programme in report] == ["Eigenmittel", "WIR 2.0"]
    own, wir = report
    small = wir.funds[0]
    # 2 grants of 2,500 committed and paid out of 10,000
    assert (small.money.budget, small.money.committed, small.money.paid, small.money.free) == (
        Decimal("10000"), Decimal("5000"), Decimal("5000"), Decimal("5000"),
    )  # fmt: skip
    counts = dict(small.by_status)
    assert counts[str(Status.APPROVED.label)] == 2
    assert counts[str(Status.SUBMITTED.label)] == 1
    assert counts[str(Status.REJECTED.label)] == 1
    assert small.applications == 4
    assert [(g.label, g.projects, g.granted) for g in small.by_field] == [
        ("Sprache", 2, Decimal("5000"))
    ]
    assert [(g.label, g.projects) for g in small.by_district] == [("stadtweit", 2)]
    district = own.funds[0]
    # 2,500 committed and paid, 500 repaid: 2,000 committed and paid, 4,000 free
    assert (district.money.committed, district.money.paid, district.money.free) == (
        Decimal("2000"), Decimal("2000"), Decimal("4000"),
    )  # fmt: skip
    assert [(g.label, g.projects) for g in district.by_district] == [("Nord", 1)]
    assert [(g.label, g.projects) for g in district.by_field] == [("ohne", 1)]
    assert (wir.committed, own.free) == (Decimal("5000"), Decimal("4000"))


def test_page_and_xlsx(users_by_role: dict[str, object]) -> None:
    _world()
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])  # type: ignore[arg-type]
    page = client.get(reverse("proofs:yearly") + "?jahr=2025").content.decode()
    assert "Quartiersfonds Nord" in page and "5.000,00" in page
    assert "Ayşe Demir" not in page
    response = client.get(reverse("proofs:yearly_xlsx") + "?jahr=2025")
    workbook = load_workbook(io.BytesIO(response.content))
    money = list(workbook.worksheets[0].iter_rows(values_only=True))
    by_fund = {row[1]: row[2:] for row in money[1:]}
    assert by_fund == {
        "Quartiersfonds Nord": (6000, 2000, 2000, 4000),
        "Kleinprojekte": (10000, 5000, 5000, 5000),
    }
    assert Client().get(reverse("proofs:yearly")).status_code == 302  # to the login
