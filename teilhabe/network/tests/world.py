"""The network objects the role matrix (accounts/tests/test_role_matrix.py) and the
axe test open: a body convened by the provider, with the provider and the city as
members, a meeting with a decision, and an agreement between the provider and a school.
Everyone the matrix lets in must see them; object-level refusals are tested in
test_access.py."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.network import services
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Agreement,
    Body,
    BodyMembership,
    ContactPerson,
)
from teilhabe.organisations.models import Organisation


def network_world(provider: Organisation, city: Organisation) -> dict[str, Any]:
    own, city_actor = (
        services.actor_for_organisation(provider),
        services.actor_for_organisation(city),
    )
    school = Actor.objects.create(
        name="Schulzentrum Welt", kind=ActorKind.objects.get(code="schule")
    )
    contact = ContactPerson.objects.create(
        actor=school, name="Jan Petersen", function="Schulsozialarbeit"
    )
    body = services.save_body(
        Body(name="AG Welt", kind=Body.Kind.WORKING_GROUP, owner=provider), districts=[]
    )
    member = services.save_membership(
        BodyMembership(
            body=body, actor=own, function="vorsitz", term_from=datetime.date(2024, 1, 1)
        )
    )
    services.save_membership(
        BodyMembership(body=body, actor=city_actor, term_from=datetime.date(2024, 1, 1))
    )
    meeting = services.create_meeting(body, agenda=["Bericht"], held_on=datetime.date(2025, 3, 4))
    decision = services.record_decision(meeting, user=None, text="Kurse abstimmen")
    agreement = Agreement.objects.create(
        subject="Kooperation Welt", signed_on=datetime.date(2025, 1, 1)
    )
    agreement.parties.set([own, school])
    return {
        "<network_actor>": school.pk,
        "<network_contact>": contact.pk,
        "<body>": body.pk,
        "<body_member>": member.pk,
        "<network_meeting>": meeting.pk,
        "<network_decision>": decision.pk,
        "<network_agreement>": agreement.pk,
    }
