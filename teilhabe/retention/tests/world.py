"""Small builders for the deletion tests: cases with given dates, through the services."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.casework import handover, services
from teilhabe.casework.models import Case, Consent, Person
from teilhabe.organisations.models import Organisation, Service

D = datetime.date


def person(organisation: Organisation, last_name: str, **fields: Any) -> Person:
    return Person.objects.create(
        organisation=organisation, first_name="Test", last_name=last_name, **fields
    )


def case(
    client: Person,
    service: str,
    opened: datetime.date,
    closed: datetime.date | None = None,
    *,
    number: str = "",
    kind: str = "beratung",
) -> Case:
    new = services.open_case(
        client=client,
        service_id=Service.objects.get(code=service).pk,
        kind=kind,
        opened_on=opened,
        access_route="familie",
        responsible=None,
    )
    if number:
        new.external_id = number
        new.save(update_fields=["external_id"])
    if closed is not None:
        services.close_case(new, closed_on=closed, reason="ziele_erreicht")
    return new


def consent(client: Person, recipient: Organisation, given_on: datetime.date, user: Any) -> Consent:
    return handover.record_consent(
        client,
        user=user,
        recipient=recipient,
        recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing",
        given_on=given_on,
        explained_language="uk",
        refusal_explained=True,
        withdrawal_explained=True,
    )
