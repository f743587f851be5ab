"""The demo city's funding: the programme ending 31.12.2024 with its dependants on the
cliff seen from 01.07.2024, the WIR-like funds' money as hand-computed, and the
district's neighbourhood fund of 6,000 EUR."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from teilhabe.demo.funding_data import load_funding
from teilhabe.demo.musterstadt import DATA
from teilhabe.funding import selectors
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund
from teilhabe.organisations.area_import import import_areas
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def city() -> None:
    import_areas(DATA / "musterstadt-gebiete.csv")
    create_organisation("stadt", "Stadt", ["KIM"], Organisation.Kind.CITY_OFFICE)
    create_organisation("diakonie", "Diakonie", ["MBE", "JMD"])
    create_organisation("caritas", "Caritas", ["QM", "SKM"])
    load_funding(TODAY)


def test_the_programme_ending_2024_takes_its_posts_and_work_with_it() -> None:
    bands = selectors.cliff(datetime.date(2024, 7, 1))
    assert [[end.programme.code for end in band.programmes] for band in bands] == [["SOE"], [], []]
    labels = [item.label for item in bands[0].programmes[0].dependants]
    assert labels == [
        "Konfliktmanagement im Quartier",
        "Sprach- und Kulturmittlung Romanes",
        "Sprach- und Kulturmittlung Bulgarisch",
        "Sprach- und Kulturmittlung Rumänisch",
        "Clearing im Case-Management",
        "Konfliktarbeit und aufsuchende Arbeit in Westhagen",
    ]
    # Seen from the demo's today, the WIR programme ends within the year (30.09.2027).
    assert [p.code for p in selectors.ending_within(TODAY, 12)] == ["WIR"]


def test_the_funds_money_as_computed_by_hand() -> None:
    small = fund_figures(Fund.objects.get(name="WIR-Fonds Kleinprojekte"), 2026)
    # 4,800 + 3,500 + 2,000 − 2,000 released − 650 repaid; 4,800 − 650 paid.
    assert (small.budget, small.committed, small.paid, small.free) == (
        Decimal("80000"),
        Decimal("7650"),
        Decimal("4150"),
        Decimal("72350"),
    )
    district = Fund.objects.get(name="Verfügungsfonds Westhagen")
    figures = fund_figures(district, 2026)
    assert district.area is not None and district.area.code == "MS-03"
    assert (figures.budget, figures.free) == (Decimal("6000"), Decimal("4750"))
    assert Fund.objects.filter(programme__code="WIR").count() == 3
