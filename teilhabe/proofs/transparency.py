"""The public list of grants (item 7) in the structure of the 360Giving standard
(https://standard.threesixtygiving.org): one row per grant with exactly the fields of
`FIELDS`, as page, CSV and JSON.

Privacy (decided): a grant is listed only when staff linked its applicant to an actor of
the network (`Application.applicant_actor`), because actors are organisations; the
recipient is named by that actor, never by the name typed into the form. A grant to a
natural person, or one whose applicant was never confirmed as an organisation, is left
out entirely: "Privatperson" next to a small amount, a district and a purpose can still
point to a person. The contact person, address, e-mail and the project description
(free text that may name people) never reach this list; the description published is
the field of action or measure the project serves.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from teilhabe.grants.application_models import Grant, Status

FIELDS = (
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Awarded",
    "Award Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Grant Programme:Title",
)


@dataclass(frozen=True)
class PublicGrant:
    identifier: str
    title: str
    description: str
    amount: Decimal
    awarded_on: datetime.date
    recipient_id: str
    recipient: str
    funder_id: str
    funder: str
    programme: str

    def as_360(self) -> dict[str, Any]:
        """The row with the standard's field names; amounts as numbers, dates as ISO."""
        return dict(
            zip(
                FIELDS,
                (
                    self.identifier,
                    self.title,
                    self.description,
                    "EUR",
                    float(self.amount),
                    self.awarded_on.isoformat(),
                    self.recipient_id,
                    self.recipient,
                    self.funder_id,
                    self.funder,
                    self.programme,
                ),
                strict=True,
            )
        )


def _prefix() -> str:
    return str(getattr(settings, "TRANSPARENCY_ID_PREFIX", "360G-teilhabe"))


def published_grants(year: int | None = None) -> QuerySet[Grant]:
    grants = Grant.objects.filter(
        application__status=Status.APPROVED, application__applicant_actor__isnull=False
    )
    if year is not None:
        grants = grants.filter(decided_on__year=year)
    return grants.select_related(
        "application__applicant_actor",
        "application__fund__programme",
        "application__field_of_action",
    ).order_by("-decided_on", "-pk")


def rows(year: int | None = None) -> list[PublicGrant]:
    prefix = _prefix()
    funder_name = str(getattr(settings, "TRANSPARENCY_FUNDER_NAME", ""))
    result = []
    for grant in published_grants(year):
        application = grant.application
        actor = application.applicant_actor
        assert actor is not None  # filtered above
        fund = application.fund
        # The field of action, not the measure: a measure may still be a draft of the plan.
        serves = application.field_of_action
        result.append(
            PublicGrant(
                identifier=f"{prefix}-{grant.pk}",
                title=application.title,
                description=serves.title if serves else application.title,
                amount=grant.amount,
                awarded_on=grant.decided_on,
                recipient_id=f"{prefix}-org-{actor.pk}",
                recipient=actor.name,
                funder_id=f"{prefix}-funder",
                funder=funder_name
                or (fund.programme.funder if fund.programme else "")
                or fund.name,
                programme=fund.name,
            )
        )
    return result
