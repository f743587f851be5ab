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
    granted = granted_world(provider, board=board)
    return {
        "<board_item>": board["item"].pk,
        "<board>": board["body"].pk,
        "<application_token>": token,
        "<application>": application.pk,
        "<board_meeting>": board["meeting"].pk,
        "<grant>": granted["grant"].pk,
        "<grant_notice>": stored_notice(granted["grant"]).pk,
        # the grantee's link: the public notice in the matrix, the grantee's page in the
        # axe test
        "<grant_token>": granted["token"],
    }


def stored_notice(grant: Any) -> Any:
    """A notice row with a small PDF in the private folder, without WeasyPrint (the
    role matrix builds its world for every URL; rendering is tested in test_notices)."""
    from teilhabe.documents import storage
    from teilhabe.grants.grant_models import GrantNotice

    content = b"%PDF-1.4\n%%EOF\n"
    stored = storage.store([content], len(content))
    return GrantNotice.objects.create(
        grant=grant,
        purpose="Sprachcafé",
        starts_on=datetime.date(2025, 4, 1),
        ends_on=datetime.date(2025, 12, 31),
        proof_due_on=datetime.date(2026, 3, 31),
        issued_on=DAY,
        file_id=stored.file_id,
        size=stored.size,
        sha256=stored.sha256,
    )


def granted_world(
    owner: Organisation,
    budget: str = "10000",
    amount: str = "4500",
    board: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`board_world` plus a fund with a budget in 2025 and an application of the
    applicant association carried through assessment, the agenda and an adopted
    decision (3 yes, 1 no; Cem excluded, Dora recused) to a grant of `amount`."""
    from decimal import Decimal

    from teilhabe.funding import services as funding
    from teilhabe.funding.models import Fund, FundKind
    from teilhabe.grants import applications
    from teilhabe.planning.models import Concept, FieldOfAction

    board = board or board_world(owner)
    fund = Fund.objects.create(name="Kleinprojekte Welt", kind=FundKind.SMALL_PROJECTS)
    funding.set_budget(fund, 2025, Decimal(budget))
    field = FieldOfAction.objects.create(
        concept=Concept.objects.create(slug="zuschuesse-welt", title="Welt"),
        code="HF1",
        title="Bildung",
    )
    application, token = applications.start(
        fund,
        2025,
        {
            "organisation_name": "Kulturverein Brücke e. V.",
            "organisation_address": "Brückenstraße 1\n12345 Musterstadt",
            "contact_name": "Ayşe Demir",
            "contact_email": "demir@bruecke.example",
            "title": "Sprachcafé",
            "field_of_action": field,
            "own_contribution": Decimal("500"),
            "requested": Decimal("5000"),
        },
        [("Honorare", Decimal("4000")), ("Miete", Decimal("1500"))],
    )
    application.applicant_actor = board["applicant"]
    application.save(update_fields=["applicant_actor"])
    applications.submit(application)
    applications.check_completeness(application, None, complete=True, note="")
    applications.assess(
        application,
        None,
        content="Passt zum Handlungsfeld Bildung.",
        calculation="Miete zu hoch angesetzt.",
        eligible_costs=Decimal("5000"),
        recommendation="teilweise",
        recommended_amount=Decimal(amount),
    )
    item = applications.put_on_agenda(application, board["meeting"], None)
    a, b, c, d, e = board["members"]
    attend(board["meeting"], a, b, c, d, e)
    services.recuse(item, d, "Nachbarin der Projektleitung", None)
    services.record_counts(item, None, yes=2, no=1, abstain=0)
    grant = applications.apply_decision(application, None, DAY)
    assert grant is not None
    return {**board, "fund": fund, "application": application, "token": token,
            "grant_item": item, "grant": grant}  # fmt: skip
