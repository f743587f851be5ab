"""A granted application for the tests and the role matrix: the Kulturverein's language
café with a finance plan of three lines, 3,000 EUR costs = 500 own + 2,500 granted,
committed and paid out of a fund of 10,000 EUR in 2025."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from teilhabe.funding import services as funding
from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants import applications
from teilhabe.grants.application_models import Application, Grant, Status
from teilhabe.network.models import Actor, ActorKind

DECIDED = datetime.date(2025, 3, 4)


def granted(
    fund: Fund | None = None,
    *,
    organisation: str = "Kulturverein Brücke e. V.",
    contact: str = "Ayşe Demir",
    actor: bool = True,
    title: str = "Sprachcafé",
) -> tuple[Grant, str]:
    """A grant of 2,500 EUR and the application's link token."""
    if fund is None:
        fund = Fund.objects.create(
            name="Fonds Verwendungsnachweis Welt", kind=FundKind.SMALL_PROJECTS
        )
        funding.set_budget(fund, 2025, Decimal("10000"))
    application, token = applications.start(
        fund,
        2025,
        {
            "organisation_name": organisation,
            "contact_name": contact,
            "contact_email": "demir@bruecke.example",
            "title": title,
            "description": f"Leitung: {contact}",
            "starts_on": datetime.date(2025, 4, 1),
            "ends_on": datetime.date(2025, 12, 31),
            "own_contribution": Decimal("500"),
            "requested": Decimal("2500"),
        },
        [
            ("Honorare", Decimal("2000")),
            ("Sachkosten", Decimal("600")),
            ("Öffentlichkeitsarbeit", Decimal("400")),
        ],
    )
    if actor:
        application.applicant_actor = Actor.objects.create(
            name=organisation, kind=ActorKind.objects.get(code="verein")
        )
    application.status = Status.APPROVED
    application.save()
    booking = funding.commit(fund, 2025, Decimal("2500"), f"Antrag {application.pk}", DECIDED)
    funding.pay(fund, 2025, Decimal("2500"), f"Auszahlung {application.pk}", DECIDED)
    grant = Grant.objects.create(
        application=application, amount=Decimal("2500"), booking=booking, decided_on=DECIDED
    )
    return grant, token


def role_matrix_world() -> dict[str, Any]:
    grant, token = granted()
    return {"<proof_grant>": grant.pk, "<proof_token>": token}


__all__ = ["Application", "granted", "role_matrix_world"]
