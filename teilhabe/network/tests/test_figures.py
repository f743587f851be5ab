"""The network figures of the activity report, against a data set whose figures were
counted by hand (see the comments beside each record)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.network import services
from teilhabe.network.figures import network_figures
from teilhabe.network.models import Actor, ActorKind, Agreement, Attendance, Body, Meeting
from teilhabe.network.tests.conftest import member
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date
PRESENT, EXCUSED, ABSENT = "anwesend", "entschuldigt", "abwesend"


def meeting(body: Body, day: datetime.date, attendance: dict[Any, str]) -> Meeting:
    held = services.create_meeting(body, held_on=day)
    for seat, status in attendance.items():
        Attendance.objects.create(meeting=held, membership=seat, status=status)
    return held


def agreement(parties: list[Actor], **dates: datetime.date) -> Agreement:
    stored = Agreement.objects.create(subject=str(dates), **dates)
    stored.parties.set(parties)
    return stored


@pytest.fixture
def world(provider: Organisation, city: Organisation) -> dict[str, Any]:
    d = services.actor_for_organisation(provider)
    c = services.actor_for_organisation(city)
    kind = ActorKind.objects.get(code="sonstige")
    s, v, m = (Actor.objects.create(name=n, kind=kind) for n in ("Schule", "VHS", "Moschee"))

    def body(name: str, owner: Organisation = city) -> Body:
        return services.save_body(Body(name=name, kind="runder_tisch", owner=owner), districts=[])

    # Runder Tisch: diakonie a member since 2023, plus a guest seat (a person) from 2025.
    b1 = body("Runder Tisch")
    seat = member(b1, d, term_from=D(2023, 1, 1))
    guest = member(b1, d, "gast", person_name="Pia Paulsen", term_from=D(2025, 1, 1))
    other = member(b1, c, "vorsitz", term_from=D(2023, 1, 1))
    meeting(b1, D(2024, 3, 1), {seat: PRESENT})  # 2024: attended
    meeting(b1, D(2024, 9, 1), {seat: EXCUSED, other: PRESENT})  # 2024: not attended
    meeting(b1, D(2025, 3, 1), {seat: PRESENT})  # 2025: attended
    meeting(b1, D(2025, 6, 1), {seat: PRESENT, guest: PRESENT})  # 2025: one meeting, once
    meeting(b1, D(2025, 12, 31), {seat: ABSENT, other: PRESENT})  # 2025: not attended
    meeting(b1, D(2026, 1, 10), {seat: PRESENT})  # another year
    # AG Sprache: convened and chaired by diakonie from February 2025.
    b2 = body("AG Sprache", provider)
    chair = member(b2, d, "vorsitz", term_from=D(2025, 2, 1))
    meeting(b2, D(2025, 5, 1), {chair: PRESENT})  # 2025: attended
    # Steuerungsgruppe: diakonie's seat ended 30.06.2024.
    b3 = body("Steuerungsgruppe")
    old = member(b3, d, term_from=D(2022, 1, 1), term_to=D(2024, 6, 30))
    meeting(b3, D(2024, 2, 1), {old: PRESENT})  # 2024: attended
    # Integrationsrat: no seat of diakonie; a seat only from 2026 in the "Beirat".
    b4 = body("Integrationsrat")
    meeting(b4, D(2025, 4, 1), {member(b4, c, term_from=D(2020, 1, 1)): PRESENT})
    member(body("Beirat"), d, "gast", term_from=D(2026, 1, 1))

    # In force 2024 and 2025; concluded 2023.
    agreement([d, s], signed_on=D(2023, 5, 1), valid_from=D(2023, 6, 1))
    # In force 2025; concluded 2025.
    agreement(
        [d, v, s], signed_on=D(2025, 1, 20), valid_from=D(2025, 2, 1), valid_to=D(2025, 12, 31)
    )
    # Signed 2024 (new in 2024), in force from 2025 only.
    agreement([d, c], signed_on=D(2024, 12, 15), valid_from=D(2025, 1, 1))
    # No signature date: in force and new from 01.07.2025.
    agreement([d, m], valid_from=D(2025, 7, 1))
    # In force until the end of 2024 only; concluded 2020.
    agreement([d, v], signed_on=D(2020, 1, 1), valid_to=D(2024, 12, 31))
    # Diakonie is no party.
    agreement([c, m], signed_on=D(2025, 3, 1))
    return {"provider": provider, "city": city}


def test_network_figures_of_a_year_and_the_year_before(world: dict[str, Any]) -> None:
    figures = network_figures(world["provider"], 2025)
    assert figures["jahr"] == 2025
    assert figures["gremien"] == 2  # Runder Tisch, AG Sprache
    assert figures["gremien_liste"] == [
        {
            "gremium": "AG Sprache",
            "art": "runder_tisch",
            "funktionen": ["vorsitz"],
            "sitzungen_teilgenommen": 1,
        },
        {
            "gremium": "Runder Tisch",
            "art": "runder_tisch",
            "funktionen": ["gast", "mitglied"],
            "sitzungen_teilgenommen": 2,
        },
    ]
    assert figures["sitzungen_teilgenommen"] == 3  # 01.03., 01.06. (once), 01.05.
    assert figures["kooperationsvereinbarungen"] == 4
    assert figures["kooperationspartner"] == 4  # Schule, VHS, Stadt, Moschee
    assert figures["kooperationsvereinbarungen_neu"] == 2  # 20.01.2025 and 01.07.2025

    before = figures["vorjahr"]
    assert before["gremien"] == 2  # Runder Tisch, Steuerungsgruppe (until 30.06.)
    assert before["gremien_liste"] == [
        {
            "gremium": "Runder Tisch",
            "art": "runder_tisch",
            "funktionen": ["mitglied"],
            "sitzungen_teilgenommen": 1,
        },
        {
            "gremium": "Steuerungsgruppe",
            "art": "runder_tisch",
            "funktionen": ["mitglied"],
            "sitzungen_teilgenommen": 1,
        },
    ]
    assert before["sitzungen_teilgenommen"] == 2
    assert before["kooperationsvereinbarungen"] == 2
    assert before["kooperationspartner"] == 2  # Schule, VHS
    assert before["kooperationsvereinbarungen_neu"] == 1  # signed 15.12.2024
    assert "vorjahr" not in before


def test_the_city_counts_its_own_seats_and_agreements(world: dict[str, Any]) -> None:
    figures = network_figures(world["city"], 2025)
    # Runder Tisch (chair) and Integrationsrat; the city convenes the Steuerungsgruppe
    # and the Beirat but holds no seat there.
    assert [row["gremium"] for row in figures["gremien_liste"]] == [
        "Integrationsrat",
        "Runder Tisch",
    ]
    assert figures["sitzungen_teilgenommen"] == 2  # 01.09.2024 is last year; 31.12., 01.04.
    assert figures["kooperationsvereinbarungen"] == 2  # with diakonie, with the mosque
    assert figures["kooperationspartner"] == 2  # Diakonie, Moschee
    assert figures["kooperationsvereinbarungen_neu"] == 1  # 01.03.2025; 15.12.2024 is 2024


def test_an_organisation_outside_the_network_has_zero_figures(db: None) -> None:
    from teilhabe.organisations.services import create_organisation

    lonely = create_organisation("awo", "AWO", ["MBE"])
    figures = network_figures(lonely, 2025)
    assert figures["gremien"] == figures["sitzungen_teilgenommen"] == 0
    assert figures["gremien_liste"] == []
    assert figures["kooperationsvereinbarungen"] == figures["kooperationspartner"] == 0
    assert figures["vorjahr"]["kooperationsvereinbarungen_neu"] == 0
    assert not Actor.objects.filter(organisation=lonely).exists()  # counting creates nothing
