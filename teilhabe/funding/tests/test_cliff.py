"""The funding cliff seen from 01.07.2024: the Hagen-like programme ending 31.12.2024
is in the first six months with exactly its dependants (two posts, the clearing, the
conflict work and the plan's measure), and the programmes around it fall in the band
their end date puts them in, or in none."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from teilhabe.accounts.services import add_membership
from teilhabe.conftest import make_user
from teilhabe.funding import access, selectors
from teilhabe.funding.models import (
    DependantKind,
    FundingProgramme,
    ProgrammeDependency,
    StaffPost,
)
from teilhabe.organisations.models import Organisation, Service
from teilhabe.planning.models import Concept, Measure

pytestmark = pytest.mark.django_db

DAY = datetime.date(2024, 7, 1)


def programme(code: str, ends_on: datetime.date | None) -> FundingProgramme:
    return FundingProgramme.objects.create(code=code, title=code, ends_on=ends_on)


@pytest.fixture
def world(provider: Organisation, city: Organisation) -> dict[str, Any]:
    kim, mbe = Service.objects.get(code="KIM"), Service.objects.get(code="MBE")
    soe = FundingProgramme.objects.create(
        code="SOE",
        title="Förderprogramm Südosteuropa",
        amount_per_year=Decimal("350000"),
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    StaffPost.objects.create(
        programme=soe, title="Sprachmittlung Rumänisch", organisation=city, hours_per_week=39
    )
    StaffPost.objects.create(
        programme=soe,
        title="Sprachmittlung Bulgarisch",
        organisation=provider,
        service=mbe,
        hours_per_week=Decimal("19.5"),
    )
    ProgrammeDependency.objects.create(
        programme=soe,
        kind=DependantKind.SERVICE,
        label="Clearing im Case-Management",
        organisation=city,
        service=kim,
    )
    ProgrammeDependency.objects.create(
        programme=soe, kind=DependantKind.OTHER, label="Konfliktarbeit im Quartier"
    )
    concept = Concept.objects.create(slug="k", title="Konzept")
    Measure.objects.create(concept=concept, code="M7", title="Zuwanderung begleiten", funding=soe)
    ended = programme("ENDED", datetime.date(2024, 6, 30))  # over before the day
    StaffPost.objects.create(programme=ended, title="alt", organisation=city, hours_per_week=10)
    january = programme("JAN", datetime.date(2025, 1, 1))  # first day after six months
    StaffPost.objects.create(
        programme=january, title="Jan-Stelle", organisation=provider, hours_per_week=20
    )
    programme("DEC25", datetime.date(2025, 12, 31))  # last day of the 18 months
    programme("LATER", datetime.date(2026, 1, 1))
    programme("OPEN", None)
    return {"soe": soe, "kim": kim, "mbe": mbe}


def codes(ends: list[selectors.ProgrammeEnd]) -> list[str]:
    return [end.programme.code for end in ends]


def test_the_cliff_lists_exactly_the_dependants_of_the_programme_ending(
    world: dict[str, Any],
) -> None:
    bands = selectors.cliff(DAY)
    assert [(b.months_from, b.months_to) for b in bands] == [(0, 6), (6, 12), (12, 18)]
    assert [(b.starts, b.ends_before) for b in bands] == [
        (DAY, datetime.date(2025, 1, 1)),
        (datetime.date(2025, 1, 1), datetime.date(2025, 7, 1)),
        (datetime.date(2025, 7, 1), datetime.date(2026, 1, 1)),
    ]
    assert [codes(b.programmes) for b in bands] == [["SOE"], ["JAN"], ["DEC25"]]
    soe = bands[0].programmes[0]
    assert [(d.kind_code, d.label, d.organisation, d.service) for d in soe.dependants] == [
        ("stelle", "Sprachmittlung Bulgarisch", "Diakonie Teststadt", "MBE"),
        ("stelle", "Sprachmittlung Rumänisch", "Stadt Teststadt", ""),
        ("dienst", "Clearing im Case-Management", "Stadt Teststadt", "KIM"),
        ("planning.measure", "M7 Zuwanderung begleiten", "", ""),
        ("sonstiges", "Konfliktarbeit im Quartier", "", ""),
    ]
    assert [d.detail.split()[0] for d in soe.dependants[:2]] == ["19,5", "39"]  # hours a week


def test_the_windows_of_6_12_and_18_months_are_cumulative(world: dict[str, Any]) -> None:
    assert codes_of(selectors.ending_within(DAY, 6)) == ["SOE"]
    assert codes_of(selectors.ending_within(DAY, 12)) == ["SOE", "JAN"]
    assert codes_of(selectors.ending_within(DAY, 18)) == ["SOE", "JAN", "DEC25"]
    # Seen from the day after its end, the programme has left the cliff.
    assert "SOE" not in codes_of(selectors.ending_within(datetime.date(2025, 1, 1), 18))


def codes_of(programmes: Any) -> list[str]:
    return [programme.code for programme in programmes]


def test_a_registry_entry_linking_the_measure_is_listed_once(world: dict[str, Any]) -> None:
    from django.contrib.contenttypes.models import ContentType

    measure = Measure.objects.get(code="M7")
    ProgrammeDependency.objects.create(
        programme=world["soe"],
        kind=DependantKind.MEASURE,
        label="M7 (eingetragen)",
        content_type=ContentType.objects.get_for_model(Measure),
        object_id=measure.pk,
    )
    labels = [d.label for d in selectors.dependants_of([world["soe"]])[world["soe"].pk]]
    assert labels.count("M7 Zuwanderung begleiten") == 1 and "M7 (eingetragen)" not in labels


def test_a_team_lead_is_warned_of_the_dependants_in_the_services_they_lead(
    world: dict[str, Any], provider: Organisation, city: Organisation
) -> None:
    mbe_lead = make_user("mbe_lead")
    add_membership(mbe_lead, provider, "team_lead", [world["mbe"]])
    jmd_lead = make_user("jmd_lead")
    add_membership(jmd_lead, provider, "team_lead", [Service.objects.get(code="JMD")])
    kim_lead = make_user("kim_lead", city, "team_lead")

    def warned(user: Any) -> list[tuple[str, list[str]]]:
        scope = access.led_scope(user)
        assert scope is not None
        return [
            (end.programme.code, [d.label for d in end.dependants])
            for end in selectors.ending_for_lead(scope, DAY)
        ]

    # The MBE post, and the January programme's post without a service (whole provider).
    assert warned(mbe_lead) == [
        ("SOE", ["Sprachmittlung Bulgarisch"]),
        ("JAN", ["Jan-Stelle"]),
    ]
    assert warned(jmd_lead) == [("JAN", ["Jan-Stelle"])]
    assert warned(kim_lead) == [
        ("SOE", ["Sprachmittlung Rumänisch", "Clearing im Case-Management"])
    ]
    assert access.led_scope(make_user("niemand")) is None
