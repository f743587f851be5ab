""" "What happens there" on the district profile: the plan's measures in the area and
the families in programmes, registered by planning and programmes
(monitoring/registry.py), over helpers.hierarchy(); family counts protected in the
published form."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Household, Person
from teilhabe.conftest import signed_in_client
from teilhabe.monitoring.figures import area_figures
from teilhabe.monitoring.profile import Cell
from teilhabe.monitoring.tests.helpers import STICHTAG, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run
from teilhabe.monitoring.whathappens import what_happens
from teilhabe.organisations.models import Area, Organisation, Service
from teilhabe.planning.models import Concept, Measure
from teilhabe.programmes.models import EndKind, Enrolment, Programme

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], provider: Organisation
) -> dict[str, Area]:
    areas = hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    concept = Concept.objects.create(slug="wir", title="WIR 2.0")
    for code, title, area in (("M1", "Sprachcafé Nord-West", "P1a"), ("M2", "Elterncafé", "P2a")):
        measure = Measure.objects.create(concept=concept, code=code, title=title)
        measure.areas.add(areas[area])
    programme = Programme.objects.create(
        organisation=provider, service=Service.objects.get(code="HIPPY"), name="HIPPY"
    )
    for district, start, end in [
        ("P1a", D(2024, 1, 1), None),
        ("P1a", D(2023, 9, 1), D(2024, 1, 1)),  # ended on 1 January 2024: counts
        ("P1a", D(2024, 3, 1), None),
        ("P1a", D(2024, 12, 31), None),
        ("P1b", D(2024, 2, 1), None),
        ("P1b", D(2022, 1, 1), D(2023, 12, 31)),  # ended before 2024
    ]:
        household = Household.objects.create(organisation=provider)
        parent = Person.objects.create(
            organisation=provider, household=household, district=areas[district]
        )
        Enrolment.objects.create(
            programme=programme,
            household=household,
            contact_person=parent,
            start_date=start,
            end_date=end,
            end_kind=EndKind.REGULAR if end else "",
        )
    return areas


def sections(area: Area, published: bool) -> dict[str, Any]:
    found = what_happens(area, STICHTAG, published, area_figures(STICHTAG) or {})
    return {h.key: h for h in found}


def test_measures_and_families_by_area(world: dict[str, Area]) -> None:
    north = sections(world["D1"], published=False)
    measures = north["massnahmen"].lines
    assert len(measures) == 1 and "M1 Sprachcafé Nord-West" in measures[0]
    families = north["programme"].counts
    assert len(families) == 1 and families[0][0].endswith(" 2024") and families[0][1] == Cell(5)
    east = sections(world["P1b"], published=False)
    assert east["massnahmen"].lines == []  # M1 lies in P1a, not in P1b
    assert east["programme"].counts[0][1] == Cell(1)
    city = sections(world["S"], published=False)["massnahmen"].lines
    assert len(city) == 2 and city[1].startswith("WIR 2.0: M2 Elterncafé")


def test_published_family_counts_hide_what_reveals_a_small_count(
    world: dict[str, Area],
) -> None:
    title = "programme"
    shown = {
        code: sections(world[code], published=True)[title].counts[0][1]
        for code in ("D1", "P1a", "P1b")
    }
    assert shown["P1b"].hidden  # one family
    assert shown["P1a"].hidden or shown["D1"].hidden  # else 5 − 4 gives the 1 away


def test_profile_page_shows_what_happens(
    world: dict[str, Area], users_by_role: dict[str, Any]
) -> None:
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("monitoring:profile", kwargs={"pk": world["D1"].pk})
    page = coordinator.get(url).content.decode()
    assert "Sprachcafé Nord-West" in page and "Elterncafé" not in page
    assert "Beratungsreichweite" in page or "Counselling reach" in page
    pdf = coordinator.get(reverse("monitoring:profile_pdf", kwargs={"pk": world["D1"].pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
