"""The board's write paths on the database: hand-computed quorum per item with the
register of interests, recusals, deputies and invitations, and decisions refused
without quorum (the board of `world.py`: five voting seats, quorum 3)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from teilhabe.grants import selectors, services, voting
from teilhabe.grants.models import BoardRules, Invitation, ItemDecision, NamedVote
from teilhabe.grants.tests.world import attend, board_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city: Any) -> dict[str, Any]:
    return board_world(city)


def test_the_applicants_employee_is_flagged_and_not_counted(board: dict[str, Any]) -> None:
    a, b, c, d, _e = board["members"]
    attend(board["meeting"], a, b, c, d)
    page = selectors.item_page(board["item"])
    flagged = {row.member.pk: row.excluded_by for row in page["seats"]}
    assert flagged[c.pk] == voting.Interest(board["applicant"].pk, voting.InterestKind.EMPLOYED)
    assert [pk for pk, why in flagged.items() if why] == [c.pk]
    # a, b, d count: 3 of 5, quorum 3 -> reached
    quorum = page["quorum"]
    assert (quorum.present, quorum.required, quorum.reached) == (3, 3, True)


def test_a_recusal_that_breaks_quorum_refuses_the_decision(board: dict[str, Any]) -> None:
    a, b, _c, d, _e = board["members"]
    attend(board["meeting"], a, b, d)
    services.recuse(board["item"], d, "Vorstand im Dachverband", user=None)
    assert selectors.item_page(board["item"])["quorum"].present == 2
    with pytest.raises(ValidationError, match="2 anwesend, 3 nötig"):
        services.record_counts(board["item"], None, yes=2, no=0, abstain=0)
    assert not ItemDecision.objects.exists()


def test_deputies_vote_for_absent_members(board: dict[str, Any]) -> None:
    a, _b, _c, _d, _e = board["members"]
    deputy_b, deputy_d = board["deputies"]
    attend(board["meeting"], a, deputy_b, deputy_d)
    decision = services.record_named(
        board["item"],
        None,
        {a.pk: voting.Vote.YES, deputy_b.pk: voting.Vote.NO, deputy_d.pk: voting.Vote.YES},
    )
    assert (decision.yes, decision.no, decision.outcome) == (2, 1, "angenommen")
    assert (decision.present, decision.required, decision.chair_vote) == (3, 3, "ja")
    assert NamedVote.objects.filter(decision=decision).count() == 3


def test_the_excluded_member_may_not_vote(board: dict[str, Any]) -> None:
    a, b, c, d, _e = board["members"]
    attend(board["meeting"], a, b, c, d)
    with pytest.raises(ValidationError):
        services.record_named(board["item"], None, {c.pk: voting.Vote.YES})


def test_a_tie_fails_unless_the_board_gives_the_chair_the_casting_vote(
    board: dict[str, Any],
) -> None:
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    tie = services.record_counts(
        board["item"], None, yes=2, no=2, abstain=0, chair_vote=voting.Vote.YES
    )
    assert tie.outcome == ItemDecision.Outcome.TIE_REJECTED
    # The same vote on a board whose rules let the chair decide.
    other = board_world(board["body"].owner)
    BoardRules.objects.create(body=other["body"], chair_casting_vote=True)
    a2, b2, _c2, d2, e2 = other["members"]
    attend(other["meeting"], a2, b2, d2, e2)
    casting = services.record_counts(
        other["item"], None, yes=2, no=2, abstain=0, chair_vote=voting.Vote.YES
    )
    assert casting.outcome == ItemDecision.Outcome.ADOPTED


def test_an_item_is_decided_once(board: dict[str, Any]) -> None:
    a, b, _c, d, _e = board["members"]
    attend(board["meeting"], a, b, d)
    services.record_counts(board["item"], None, yes=3, no=0, abstain=0)
    with pytest.raises(ValidationError):
        services.record_counts(board["item"], None, yes=0, no=3, abstain=0)
    with pytest.raises(ValidationError):
        services.recuse(board["item"], a, "", user=None)


def test_without_every_member_invited_there_is_no_quorum(board: dict[str, Any]) -> None:
    a, b, c, d, e = board["members"]
    Invitation.objects.filter(membership=e).delete()
    attend(board["meeting"], a, b, c, d, e)
    with pytest.raises(ValidationError, match="eingeladen"):
        services.record_counts(board["item"], None, yes=3, no=0, abstain=0)


def test_written_procedure_with_an_objection_is_stored_as_objected(board: dict[str, Any]) -> None:
    a, b, _c, d, e = board["members"]
    yes = voting.Vote.YES
    decision = services.record_in_writing(
        board["item"], None, {a.pk: yes, b.pk: yes, d.pk: yes}, objections=[e.pk]
    )
    assert decision.outcome == ItemDecision.Outcome.OBJECTED
    assert decision.procedure == ItemDecision.Procedure.WRITTEN


def test_a_member_whose_term_ended_has_no_seat(board: dict[str, Any]) -> None:
    _a, _b, _c, _d, e = board["members"]
    e.term_to = datetime.date(2024, 12, 31)
    e.save()
    assert len(selectors.situation(board["item"]).seats) == 4


def test_a_deputy_must_sit_in_the_same_body(board: dict[str, Any], city: Any) -> None:
    a = board["members"][0]
    other = board_world(city)["members"][1]
    with pytest.raises(ValidationError):
        services.set_voting_right(a, other)
