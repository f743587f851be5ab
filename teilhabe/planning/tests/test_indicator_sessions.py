"""The indicator "counselling sessions in the measure's areas" (indicator_values.py,
casework/figures.py), counted by hand.

Areas: S (the city) > B1 (borough) > D11, D12; S > D2. Sessions:

| client lives in | organisation, service | sessions |
|---|---|---|
| D11 | diakonie, MBE | 01.02., 01.03., 01.04.2024; 01.05.2024 cancelled; 31.12.2023 |
| D12 | awo, JMD | 01.06., 01.07.2024 |
| D2 | diakonie, MBE | 01.06.2024 |
| (unknown) | diakonie, MBE | 01.06.2024 |

2024: B1 (D11 and D12 below it) 3 + 2 = 5; D11 3; D11 and D2 3 + 1 = 4; city-wide
3 + 2 + 1 + 1 = 7. 2023: B1 1, below the small-number threshold 3: not shown. 2025: 0.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.cancellation import cancel_session
from teilhabe.casework.models import Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Area, Organisation, Service
from teilhabe.organisations.services import create_organisation
from teilhabe.planning.indicator_values import values_for
from teilhabe.planning.models import Concept, Indicator, IndicatorSource, Measure


def _client_with_sessions(
    organisation: Organisation,
    service: str,
    district: Area | None,
    days: list[datetime.date],
    author: Any = None,
) -> list[Any]:
    person = Person.objects.create(
        organisation=organisation, first_name="P", last_name=str(district), district=district
    )
    case = services.open_case(
        client=person,
        service_id=Service.objects.get(code=service).pk,
        kind="beratung",
        opened_on=datetime.date(2023, 1, 1),
        access_route="familie",
        responsible=author,
    )
    return [services.record_session(case, author=author, present=[], date=day) for day in days]


@pytest.fixture
def areas(users_by_role: dict[str, Any], provider: Organisation) -> dict[str, Area]:
    s = Area.objects.create(code="S", name="Stadt")
    b1 = Area.objects.create(code="B1", name="Bezirk Eins", parent=s)
    found = {
        "S": s,
        "B1": b1,
        "D11": Area.objects.create(code="D11", name="Nordstadt", parent=b1),
        "D12": Area.objects.create(code="D12", name="Südstadt", parent=b1),
        "D2": Area.objects.create(code="D2", name="Weststadt", parent=s),
    }
    counsellor = users_by_role[Role.COUNSELLOR.value]
    d = datetime.date
    sessions = _client_with_sessions(
        provider,
        "MBE",
        found["D11"],
        [d(2024, 2, 1), d(2024, 3, 1), d(2024, 4, 1), d(2024, 5, 1), d(2023, 12, 31)],
        counsellor,
    )
    cancel_session(sessions[3], counsellor, "doppelt erfasst")
    other = create_organisation("awo", "AWO Teststadt", ["JMD"])
    _client_with_sessions(other, "JMD", found["D12"], [d(2024, 6, 1), d(2024, 7, 1)])
    _client_with_sessions(provider, "MBE", found["D2"], [d(2024, 6, 1)], counsellor)
    _client_with_sessions(provider, "MBE", None, [d(2024, 6, 1)], counsellor)
    return found


def measure_in(areas: list[Area], code: str = "M1") -> Measure:
    concept, _ = Concept.objects.get_or_create(slug="wir2", defaults={"title": "WIR 2.0"})
    measure = Measure.objects.create(concept=concept, code=code, title="Beratung vor Ort")
    measure.areas.set(areas)
    Indicator.objects.create(
        measure=measure, name="Beratungen", source=IndicatorSource.AREA_SESSIONS, target=10
    )
    return measure


def value(measure: Measure, year: int) -> tuple[int | None, str]:
    (item,) = values_for(measure, measure.indicators.all(), year)
    return item.value, item.source


@pytest.mark.django_db
def test_sessions_are_counted_in_the_areas_and_below(areas: dict[str, Area]) -> None:
    borough = measure_in([areas["B1"]], "M1")
    assert value(borough, 2024)[0] == 5
    assert value(measure_in([areas["D11"]], "M2"), 2024)[0] == 3
    assert value(measure_in([areas["D11"], areas["D2"]], "M3"), 2024)[0] == 4
    assert value(measure_in([], "M4"), 2024)[0] == 7
    assert value(borough, 2025)[0] == 0


@pytest.mark.django_db
def test_each_value_names_its_source(areas: dict[str, Area]) -> None:
    number, source = value(measure_in([areas["D11"], areas["D2"]]), 2024)
    assert number == 4
    assert "2024" in source and "Nordstadt" in source and "Weststadt" in source
    assert value(measure_in([], "M2"), 2024)[1].startswith("2024, ")


@pytest.mark.django_db
def test_a_small_count_is_not_shown(areas: dict[str, Area], settings: Any) -> None:
    borough = measure_in([areas["B1"]])
    number, source = value(borough, 2023)  # one session, 31.12.2023
    assert number is None and "3" in source
    settings.SMALL_NUMBER_THRESHOLD = 1
    assert value(borough, 2023)[0] == 1


@pytest.mark.django_db
def test_the_measure_page_shows_the_value(
    areas: dict[str, Area], users_by_role: dict[str, Any]
) -> None:
    borough = measure_in([areas["B1"]])
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:measure_detail", kwargs={"pk": borough.pk})
    page = client.get(url, {"stichtag": "31.12.2024"}).content.decode()
    assert '<td class="kern-table__cell kern-table__cell--numeric">5</td>' in page
    assert "Bezirk Eins" in page
