"""A small network over two providers and the city, for the network's tests.

- "diakonie" (provider fixture) convenes the "AG Sprache" and chairs nothing else;
- "caritas" is a second provider; the city ("stadt") convenes the "Runder Tisch",
  where diakonie has a seat as member and caritas keeps the minutes (secretary), and
  the "Integrationsrat", where neither provider has a seat;
- an agreement between diakonie and a school, one between caritas and a mosque.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user
from teilhabe.network import services
from teilhabe.network.models import Actor, ActorKind, Agreement, Body, BodyMembership
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation

D = datetime.date


def member(
    body: Body, actor: Actor | None, function: str = "mitglied", **kw: Any
) -> BodyMembership:
    kw.setdefault("term_from", D(2024, 1, 1))
    return services.save_membership(BodyMembership(body=body, actor=actor, function=function, **kw))


@pytest.fixture
def caritas(db: None) -> Organisation:
    return create_organisation("caritas", "Caritas Teststadt", ["QM"])


@pytest.fixture
def net(provider: Organisation, city: Organisation, caritas: Organisation) -> dict[str, Any]:
    diakonie_actor = services.actor_for_organisation(provider)
    city_actor = services.actor_for_organisation(city)
    caritas_actor = services.actor_for_organisation(caritas)
    school = Actor.objects.create(name="Grundschule Ost", kind=ActorKind.objects.get(code="schule"))
    mosque = Actor.objects.create(
        name="Moscheegemeinde", kind=ActorKind.objects.get(code="moschee")
    )

    ag = services.save_body(
        Body(name="AG Sprache", kind="arbeitsgruppe", owner=provider), districts=[]
    )
    member(ag, diakonie_actor, "vorsitz")
    member(ag, school)
    round_table = services.save_body(
        Body(name="Runder Tisch", kind="runder_tisch", owner=city), districts=[]
    )
    member(round_table, city_actor, "vorsitz")
    member(round_table, diakonie_actor)
    member(round_table, caritas_actor, "geschaeftsfuehrung")
    council = services.save_body(
        Body(name="Integrationsrat", kind="integrationsrat", owner=city), districts=[]
    )
    member(council, None, "vorsitz", person_name="Ayşe Demir")

    meetings = {
        body.name: services.create_meeting(body, agenda=["Bericht"], held_on=D(2025, 3, 4))
        for body in (ag, round_table, council)
    }
    decisions = {
        name: services.record_decision(meeting, user=None, text=f"Beschluss {name}")
        for name, meeting in meetings.items()
    }
    school_agreement = Agreement.objects.create(subject="Schule", signed_on=D(2025, 1, 1))
    school_agreement.parties.set([diakonie_actor, school])
    mosque_agreement = Agreement.objects.create(subject="Moschee", signed_on=D(2025, 1, 1))
    mosque_agreement.parties.set([caritas_actor, mosque])
    return {
        "diakonie": diakonie_actor,
        "city": city_actor,
        "caritas": caritas_actor,
        "school": school,
        "mosque": mosque,
        "ag": ag,
        "round_table": round_table,
        "council": council,
        "meetings": meetings,
        "decisions": decisions,
        "school_agreement": school_agreement,
        "mosque_agreement": mosque_agreement,
    }


@pytest.fixture
def caritas_lead(caritas: Organisation) -> User:
    return make_user("caritas_lead", caritas, Role.TEAM_LEAD.value)
