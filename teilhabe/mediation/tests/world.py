"""Records of the mediation module for the role matrix and the page checks: a pool at
`provider` with one mediator (signed in as `counsellor`), a school as requesting body,
an open request and an assigned one in the past (so that completion is possible). With
`mediator_user` (an account of the mediator role), a second mediator of the pool signed
in with it and an assignment of their own: `OWN` maps (placeholder, user id) to it, as
a mediator's own pages show only their own assignments."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.casework import handover
from teilhabe.casework import services as casework
from teilhabe.casework.models import Person, Referral
from teilhabe.mediation import clearing, services
from teilhabe.mediation.criteria import install_default_criteria
from teilhabe.mediation.models import (
    ConflictEntry,
    MediationRequest,
    Mediator,
    MediatorKind,
    Modality,
    RequestingBody,
    Subject,
)
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation


def make_request(body: RequestingBody, **fields: Any) -> MediationRequest:
    values: dict[str, Any] = {
        "organisation": body.organisation,
        "body": body,
        "requesting_person": "Frau Sekretariat",
        "language": "ron",
        "subject": Subject.SCHOOL,
        "date": datetime.date(2024, 3, 4),
        "starts_at": datetime.time(10, 0),
        "duration_minutes": 60,
        "modality": Modality.IN_PERSON,
        "place": "Schulstraße 1",
    }
    values.update(fields)
    return MediationRequest.objects.create(**values)


OWN = "<own>"


def mediation_world(
    provider: Organisation, counsellor: Any, mediator_user: Any = None
) -> dict[str, Any]:
    # one account is one mediator of a pool: on the demo city (every-page axe test)
    # the counsellor is a mediator already, and becomes this one
    mediator, _created = Mediator.objects.update_or_create(
        organisation=provider,
        user=counsellor,
        defaults={
            "first_name": "Ana",
            "last_name": "Popescu",
            "kind": MediatorKind.FREELANCE,
            "languages": ["ron", "rmy"],
            "subjects": [Subject.SCHOOL],
            "modalities": [Modality.IN_PERSON, Modality.PHONE],
        },
    )
    body = RequestingBody.objects.create(organisation=provider, name="Gesamtschule Matrix")
    open_request = make_request(body, date=datetime.date(2030, 1, 7))
    assigned = make_request(body)
    assignment = services.assign(assigned, mediator, user=None)
    conflict = ConflictEntry.objects.create(
        organisation=provider,
        occurred_on=datetime.date(2030, 1, 2),
        area="Marktplatz",
        kind="laerm",
        parties="Anwohnende und Jugendgruppe",
        outcome="laufend",
    )
    own: dict[tuple[str, int], int] = {}
    if mediator_user is not None:
        # on the demo city the mediator account has its record in the pool already
        second, _created = Mediator.objects.update_or_create(
            organisation=provider,
            user=mediator_user,
            defaults={
                "first_name": "Ioana",
                "last_name": "Marin",
                "kind": MediatorKind.EMPLOYED,
                "languages": ["ron"],
                "subjects": [Subject.SCHOOL],
                "modalities": [Modality.IN_PERSON],
            },
        )
        theirs = services.assign(make_request(body), second, user=None)
        own[("<assignment>", mediator_user.pk)] = theirs.pk
    return {
        OWN: own,
        "<clearing>": make_clearing(provider, counsellor, mediator).pk,
        "<clearing_criterion>": ClearingCriterion.objects.get(code="wohnen").pk,
        "<conflict>": conflict.pk,
        "<mediator>": mediator.pk,
        "<requesting_body>": body.pk,
        "<body_token>": services.issue_link(body),
        "<mediation_request>": open_request.pk,
        "<assigned_request>": assigned.pk,
        "<assignment>": assignment.pk,
    }


def clearing_referral(
    provider: Organisation, counsellor: Any, last_name: str = "Dragan"
) -> Referral:
    """A client of `provider` (MBE, `counsellor` responsible) with a consented clearing
    hand-over to the city's KIM case management, waiting for its decision."""
    city = Organisation.objects.filter(slug="stadt").first() or create_organisation(
        "stadt", "Stadt", ["KIM"], Organisation.Kind.CITY_OFFICE
    )
    person = Person.objects.create(organisation=provider, first_name="Mirela", last_name=last_name)
    case = casework.open_case(
        client=person,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=datetime.date(2024, 1, 1),
        access_route="familie",
        responsible=counsellor,
    )
    consent = handover.record_consent(
        person,
        user=counsellor,
        recipient=city,
        recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing",
        given_on=datetime.date(2024, 2, 1),
        explained_language="ron",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    return handover.propose(case, consent=consent, kind="clearing", note="", user=counsellor)


def make_clearing(provider: Organisation, counsellor: Any, mediator: Mediator | None) -> Clearing:
    install_default_criteria()  # a flushed database has lost the migration's rows
    return clearing.record(
        clearing_referral(provider, counsellor),
        criteria=ClearingCriterion.objects.filter(code__in=["wohnen", "schulden"]),
        assessment="Wohnung gekündigt, Schulden beim Energieversorger",
        mediator=mediator,
        user=counsellor,
    )
