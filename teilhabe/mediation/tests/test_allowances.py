"""The monthly allowance sheet against amounts computed by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from teilhabe.funding.models import FundingProgramme
from teilhabe.mediation import allowances, services
from teilhabe.mediation.models import Mediator, MediatorKind, RequestingBody
from teilhabe.mediation.tests.world import make_request
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2026, 3, 1)


def mediator(provider: Organisation, name: str, kind: str) -> Mediator:
    return Mediator.objects.create(
        organisation=provider,
        first_name=name,
        last_name="Test",
        kind=kind,
        languages=["ron"],
        modalities=["vor_ort"],
    )


def done(body: RequestingBody, who: Mediator, day: datetime.date, **completion: Any) -> None:
    request = make_request(body, date=day)
    services.assign(request, who, user=None)
    values: dict[str, Any] = {"travel_minutes": 0, "travel_km": Decimal("0"), "modality": "vor_ort"}
    values.update(completion)
    services.complete(request, **values)


@pytest.fixture
def sheet_world(provider: Organisation) -> dict[str, Any]:
    body = RequestingBody.objects.create(organisation=provider, name="Jugendamt")
    programme = FundingProgramme.objects.create(code="KIM", title="KIM-Förderung")
    freelance = mediator(provider, "Ana", MediatorKind.FREELANCE)
    volunteer = mediator(provider, "Bora", MediatorKind.VOLUNTEER)
    employed = mediator(provider, "Cem", MediatorKind.EMPLOYED)
    day = datetime.date(2026, 3, 10)
    done(
        body,
        freelance,
        day,
        minutes_spent=90,
        travel_minutes=30,
        travel_km=Decimal("12.5"),
        programme=programme,
    )
    done(body, freelance, day.replace(day=20), minutes_spent=45, programme=programme)
    done(
        body,
        freelance,
        day.replace(day=21),
        minutes_spent=60,
        travel_minutes=20,
        travel_km=Decimal("7.0"),
    )
    done(
        body,
        volunteer,
        day,
        minutes_spent=50,
        travel_minutes=10,
        travel_km=Decimal("3.3"),
        no_show=True,
    )
    done(body, employed, day, minutes_spent=120, travel_minutes=40, travel_km=Decimal("25"))
    # Not on the sheet: April, a cancelled assignment, an assignment not completed.
    done(body, freelance, datetime.date(2026, 4, 1), minutes_spent=600)
    cancelled = make_request(body, date=day)
    services.assign(cancelled, freelance, user=None)
    services.cancel(cancelled, side="anfragend", reason="Termin entfällt")
    services.assign(make_request(body, date=day), volunteer, user=None)
    return {"programme": programme}


def test_month_sheet_by_hand(provider: Organisation, sheet_world: dict[str, Any]) -> None:
    rows = {
        (row.mediator, row.programme): row for row in allowances.month_sheet([provider.pk], MARCH)
    }
    assert set(rows) == {
        ("Ana Test", "KIM-Förderung"),
        ("Ana Test", ""),
        ("Bora Test", ""),
        ("Cem Test", ""),
    }
    # Freelance, programme: (90+30+45) min = 2.75 h x 30 = 82.50; 12.5 km x 0.30 = 3.75
    kim = rows[("Ana Test", "KIM-Förderung")]
    assert (kim.assignments, kim.hours, kim.km, kim.amount) == (
        2,
        Decimal("2.75"),
        Decimal("12.5"),
        Decimal("86.25"),
    )
    # Freelance, no programme: 80 min = 4/3 h x 30 = 40.00; 7 km x 0.30 = 2.10
    assert rows[("Ana Test", "")].amount == Decimal("42.10")
    assert rows[("Ana Test", "")].hours == Decimal("1.33")
    # Volunteer, a no-show is paid: 60 min x 12 = 12.00; 3.3 km x 0.30 = 0.99
    assert rows[("Bora Test", "")].amount == Decimal("12.99")
    # Employed: mileage only, 25 km x 0.30
    assert rows[("Cem Test", "")].amount == Decimal("7.50")
    assert allowances.totals(list(rows.values()))["amount"] == Decimal("148.84")


def test_rates_per_organisation_override_the_installation(
    provider: Organisation, sheet_world: dict[str, Any], settings: Any
) -> None:
    settings.MEDIATION_RATES = {
        **allowances.DEFAULT_RATES,
        "diakonie": {"ehrenamt": {"hour": "15.00", "km": "0.35"}},
    }
    rows = {row.mediator: row for row in allowances.month_sheet([provider.pk], MARCH)}
    # 1 h x 15 = 15.00; 3.3 km x 0.35 = 1.155 -> 1.16 (half up); the others unchanged
    assert rows["Bora Test"].amount == Decimal("16.16")
    assert rows["Cem Test"].amount == Decimal("7.50")


def test_another_organisations_assignments_are_not_on_the_sheet(
    provider: Organisation, sheet_world: dict[str, Any]
) -> None:
    other = Organisation.objects.create(slug="andere", name="Andere")
    assert allowances.month_sheet([other.pk], MARCH) == []
    assert timezone.localdate() > MARCH
