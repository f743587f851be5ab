"""The public list of grants in 360Giving's structure: exactly the standard's keys, no
person's name anywhere, and the grant of an applicant not confirmed as an organisation
left out."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.funding import services as funding
from teilhabe.funding.models import Fund, FundingProgramme, FundKind
from teilhabe.proofs.tests.world import granted

pytestmark = pytest.mark.django_db

KEYS = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
]
PERSONS = ("Ayşe Demir", "Jürgen Schmitz", "demir@bruecke.example")


def _world() -> None:
    programme = FundingProgramme.objects.create(
        code="wir", title="WIR 2.0", funder="Land Niedersachsen"
    )
    fund = Fund.objects.create(
        name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS, programme=programme
    )
    funding.set_budget(fund, 2025, Decimal("10000"))
    granted(fund)  # the association, linked to its actor by staff
    # A natural person applied; staff never linked an actor: left out.
    granted(fund, organisation="Jürgen Schmitz", contact="Jürgen Schmitz", actor=False,
            title="Nachbarschaftsfest")  # fmt: skip


def test_json_has_exactly_the_360giving_keys_and_no_person() -> None:
    _world()
    response = Client().get(reverse("proofs:public:grants_json"))
    assert response.status_code == 200
    grants = response.json()["grants"]
    assert len(grants) == 1
    assert list(grants[0]) == KEYS
    grant = grants[0]
    assert grant["Recipient Org:Name"] == "Kulturverein Brücke e. V."
    assert grant["Amount Awarded"] == 2500.0
    assert grant["Currency"] == "EUR"
    assert grant["Award Date"] == "2025-03-04"
    assert grant["Funding Org:Name"] == "Land Niedersachsen"
    assert grant["Grant Programme:Title"] == "Kleinprojekte"
    text = json.dumps(response.json(), ensure_ascii=False)
    for person in PERSONS:
        assert person not in text


def test_csv_and_page_name_no_person() -> None:
    _world()
    body = Client().get(reverse("proofs:public:grants_csv")).content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == KEYS
    assert len(rows) == 2
    page = Client().get(reverse("proofs:public:grants")).content.decode()
    assert "Kulturverein Brücke e. V." in page and "2.500,00" in page
    for text in (body, page):
        for person in PERSONS:
            assert person not in text
        assert "Nachbarschaftsfest" not in text


def test_the_year_filter_and_a_wrong_year() -> None:
    _world()
    assert Client().get(reverse("proofs:public:grants_json") + "?jahr=2024").json() == {
        "grants": []
    }
    assert Client().get(reverse("proofs:public:grants") + "?jahr=zwei").status_code == 400
