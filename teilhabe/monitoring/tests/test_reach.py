"""The counselling reach per 1,000 residents with migration background (issue 13,
item 4), registered by casework (casework/area_figures.py), over the hierarchy of
helpers.hierarchy() and test_import.EXTRACT (with migration background: P1a 2, P1b 2,
P2a 2, D1 4, D2 2, S 6).

Persons counselled in 2024: three clients in P1a (one with two cases), one in P2a; not
counted: a case closed in 2023, a client without a district.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from teilhabe.casework.area_figures import clients_by_area
from teilhabe.casework.models import Case, Person
from teilhabe.monitoring.figures import indicator_values
from teilhabe.monitoring.profile import cells
from teilhabe.monitoring.tests.helpers import STICHTAG, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
D = datetime.date


def casework(provider: Organisation, areas: dict[str, object]) -> None:
    mbe, ikb = Service.objects.get(code="MBE"), Service.objects.get(code="IKB")

    def client(district: str | None, *cases: tuple[Service, D, D | None]) -> None:
        person = Person.objects.create(
            organisation=provider, first_name="X", district=areas[district] if district else None
        )
        for service, opened, closed in cases:
            Case.objects.create(
                organisation=provider,
                service=service,
                client=person,
                kind="beratung",
                opened_on=opened,
                closed_on=closed,
            )

    client("P1a", (mbe, D(2024, 3, 1), None))
    client("P1a", (mbe, D(2023, 3, 1), D(2024, 1, 1)))  # closed on 1 January: active
    client("P1a", (mbe, D(2024, 5, 1), None), (ikb, D(2024, 6, 1), None))  # counted once
    client("P1a", (mbe, D(2022, 1, 1), D(2023, 12, 31)))  # closed before 2024
    client("P2a", (ikb, D(2024, 12, 31), None))  # opened on 31 December
    client(None, (mbe, D(2024, 1, 1), None))  # district unknown: in no area


def test_reach_per_1000_residents_with_migration_background(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], provider: Organisation
) -> None:
    areas = hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    casework(provider, areas)  # type: ignore[arg-type]
    assert clients_by_area(2024) == {areas["P1a"].pk: 3, areas["P2a"].pk: 1}
    reach = indicator_values(STICHTAG)["beratungsreichweite"]
    assert {a: v.value for a, v in reach.items()} == {
        "S": 666.67,  # 4 / 6 × 1000: the unknown district is in no area
        "D1": 750.0,  # 3 / 4, the sum of its parts, not a mean of 1500 and 0
        "D2": 500.0,
        "P1a": 1500.0,
        "P1b": 0.0,  # nobody counselled is 0 persons, a real count
        "P2a": 500.0,
    }
    assert (reach["S"].numerator, reach["S"].denominator, reach["S"].factor) == (4, 6, 1000)
    # a date without register figures: no area, no value (never 0)
    assert indicator_values(D(2025, 12, 31))["beratungsreichweite"] == {}


def test_published_reach_hides_small_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], provider: Organisation
) -> None:
    areas = hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    casework(provider, areas)  # type: ignore[arg-type]
    plain, _s = cells(STICHTAG, published=False)
    assert plain["beratungsreichweite"]["P2a"].value == 500.0
    table, _s = cells(STICHTAG, published=True)
    share = table["beratungsreichweite"]
    assert share["P2a"].hidden  # one person counselled, two with migration background
    assert share["P1a"].hidden  # two residents with migration background
    assert share["D2"].hidden  # D2 = P2a: the same count one level up
