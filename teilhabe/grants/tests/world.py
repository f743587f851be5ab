"""A board for the tests and the role matrix: the city's Vergabebeirat with five voting
seats (1 chair), deputies for seats 2 and 4, an applicant association that seat 3 works
for, and a meeting with one application item and everybody invited."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.grants import services
from teilhabe.network.models import (
    Actor,
    ActorKind,
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    Meeting,
)
from teilhabe.organisations.models import Organisation

DAY = datetime.date(2025, 3, 4)


def board_world(owner: Organisation) -> dict[str, Any]:
    body = Body.objects.create(name="Vergabebeirat Welt", kind=Body.Kind.BOARD, owner=owner)
    applicant = Actor.objects.create(
        name="Kulturverein Brücke e. V.", kind=ActorKind.objects.get(code="migrantenorganisation")
    )

    def seat(name: str, function: str = BodyMembership.Function.MEMBER) -> BodyMembership:
        return BodyMembership.objects.create(
            body=body, person_name=name, function=function, term_from=datetime.date(2024, 1, 1)
        )

    members = [
        seat("Vorsitz Anna", BodyMembership.Function.CHAIR),
        seat("Berta"),
        seat("Cem"),
        seat("Dora"),
        seat("Emil"),
    ]
    deputy_b, deputy_d = seat("Vertretung Bruno"), seat("Vertretung Doris")
    deputies = {1: deputy_b, 3: deputy_d}
    for index, member in enumerate(members):
        services.set_voting_right(member, deputies.get(index))
    services.declare_interest(members[2], applicant, "angestellt", DAY)
    meeting = Meeting.objects.create(body=body, held_on=DAY)
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Antrag Brücke")
    services.set_applicant(item, applicant)
    services.invite(meeting, members, DAY - datetime.timedelta(days=14))
    return {
        "body": body,
        "members": members,
        "deputies": [deputy_b, deputy_d],
        "applicant": applicant,
        "meeting": meeting,
        "item": item,
    }


def attend(meeting: Meeting, *present: BodyMembership) -> None:
    for membership in present:
        Attendance.objects.update_or_create(
            meeting=meeting, membership=membership, defaults={"status": "anwesend"}
        )


def role_matrix_world(provider: Organisation) -> dict[str, Any]:
    """A board convened by the provider: every role with `network.take_part` there sees it."""
    from decimal import Decimal

    from teilhabe.funding.models import Fund, FundKind
    from teilhabe.grants import applications

    board = board_world(provider)
    fund = Fund.objects.create(name="Nachbarschaftsfonds Welt", kind=FundKind.SMALL_PROJECTS)
    application, token = applications.start(
        fund,
        2025,
        {
            "organisation_name": "Kulturverein Brücke e. V.",
            "contact_name": "Ayşe Demir",
            "contact_email": "demir@bruecke.example",
            "title": "Sprachcafé",
        },
        [("Honorare", Decimal("500"))],
    )
    return {
        "<board_item>": board["item"].pk,
        "<board>": board["body"].pk,
        "<application_token>": token,
        "<application>": application.pk,
    }
