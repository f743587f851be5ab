"""Records of the mediation module for the role matrix and the page checks: a pool at
`provider` with one mediator (signed in as `counsellor`), a school as requesting body,
an open request and an assigned one in the past (so that completion is possible)."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.mediation import services
from teilhabe.mediation.models import (
    ConflictEntry,
    MediationRequest,
    Mediator,
    MediatorKind,
    Modality,
    RequestingBody,
    Subject,
)
from teilhabe.organisations.models import Organisation


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


def mediation_world(provider: Organisation, counsellor: Any) -> dict[str, Any]:
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
    return {
        "<conflict>": conflict.pk,
        "<mediator>": mediator.pk,
        "<requesting_body>": body.pk,
        "<body_token>": body.token,
        "<mediation_request>": open_request.pk,
        "<assigned_request>": assigned.pk,
        "<assignment>": assignment.pk,
    }
