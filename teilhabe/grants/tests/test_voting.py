"""Hand-computed cases for every rule of `grants/voting.py` (§§ 20, 21, 90, 91 VwVfG).

The board of the cases: five voting seats, keys 1-5; 1 is the chair. Member 2 has the
personal deputy 12, member 4 the deputy 14. The applicant is organisation 100; member 3
works for it, member 5 sits on its board, member 2 is a member of its association
(an "other" interest: shown, not excluding).
"""

from __future__ import annotations

import pytest

from teilhabe.grants.voting import (
    Interest,
    InterestKind,
    Outcome,
    Person,
    Rules,
    Seat,
    Situation,
    Tally,
    Vote,
    VotingError,
    answerers,
    decide,
    decide_in_writing,
    exclusion,
    flagged_interests,
    quorum,
    required_present,
)

APPLICANT = 100
P1 = Person(1)
P2 = Person(2, frozenset({Interest(APPLICANT, InterestKind.OTHER)}))
P3 = Person(3, frozenset({Interest(APPLICANT, InterestKind.EMPLOYED)}))
P4 = Person(4, frozenset({Interest(200, InterestKind.EMPLOYED)}))
P5 = Person(5, frozenset({Interest(APPLICANT, InterestKind.BOARD_MEMBER)}))
D12 = Person(12)
D14 = Person(14)
SEATS = (
    Seat(P1, is_chair=True),
    Seat(P2, deputy=D12),
    Seat(P3),
    Seat(P4, deputy=D14),
    Seat(P5),
)
ALL = frozenset({1, 2, 3, 4, 5})
VWVFG = Rules()


def item(present: set[int], *, recused: set[int] = frozenset(), applicant: int | None = None,
         invited: frozenset[int] = ALL) -> Situation:  # fmt: skip
    return Situation(SEATS, applicant, invited, frozenset(present), frozenset(recused))


def test_employee_and_board_member_of_the_applicant_are_excluded_before_the_meeting() -> None:
    assert exclusion(P3, APPLICANT, VWVFG) == Interest(APPLICANT, InterestKind.EMPLOYED)
    assert exclusion(P5, APPLICANT, VWVFG) == Interest(APPLICANT, InterestKind.BOARD_MEMBER)
    # Another organisation's employee and an "other" interest do not exclude ...
    assert exclusion(P4, APPLICANT, VWVFG) is None
    assert exclusion(P2, APPLICANT, VWVFG) is None
    # ... but the "other" interest is shown.
    assert flagged_interests(P2, APPLICANT) == [Interest(APPLICANT, InterestKind.OTHER)]
    # A board may exclude "other" interests too.
    strict = Rules(exclude_kinds=frozenset(InterestKind))
    assert exclusion(P2, APPLICANT, strict) == Interest(APPLICANT, InterestKind.OTHER)


def test_quorum_needs_more_than_half_and_at_least_three() -> None:
    # 5 seats: 5 // 2 + 1 = 3; 7 seats: 4; 8 seats: 5; 2 seats: still 3.
    assert [required_present(n, VWVFG) for n in (2, 4, 5, 7, 8)] == [3, 3, 3, 4, 5]
    assert quorum(item({1, 2, 4}), VWVFG).reached
    assert not quorum(item({1, 2}), VWVFG).reached


def test_quorum_needs_every_member_invited() -> None:
    not_all = item({1, 2, 3, 4, 5}, invited=frozenset({1, 2, 3, 4}))
    assert not quorum(not_all, VWVFG).reached
    assert quorum(not_all, Rules(all_invited_required=False)).reached


def test_a_recusal_that_breaks_quorum() -> None:
    # Present 1, 2, 4: three of five -> quorum (3 >= 3).
    assert quorum(item({1, 2, 4}), VWVFG).present == 3
    # Member 4 declares partiality (§ 21) for this item: two count, 2 < 3 -> no quorum.
    q = quorum(item({1, 2, 4}, recused={4}), VWVFG)
    assert (q.present, q.required, q.reached) == (2, 3, False)
    assert q.not_counted == {4}
    result = decide(item({1, 2, 4}, recused={4}), VWVFG, Tally(2, 0, 0))
    assert result.outcome is Outcome.NO_QUORUM
    assert result.tally is None


def test_exclusion_counts_per_item() -> None:
    # All five present. On an item of organisation 100, members 3 and 5 are excluded:
    # 3 of 5 count -> quorum still reached (3 >= 3); on another item all 5 count.
    on_applicant = quorum(item(set(ALL), applicant=APPLICANT), VWVFG)
    assert (on_applicant.present, on_applicant.reached) == (3, True)
    assert on_applicant.not_counted == {3, 5}
    assert quorum(item(set(ALL), applicant=None), VWVFG).present == 5
    # With member 1 absent, the applicant's item lacks quorum: 2, 4 -> 2 < 3.
    assert not quorum(item({2, 3, 4, 5}, applicant=APPLICANT), VWVFG).reached


def test_deputies_vote_for_absent_members() -> None:
    # Members 2 and 4 absent, their deputies 12 and 14 present, with chair 1: 3 seats.
    situation = item({1, 12, 14})
    q = quorum(situation, VWVFG)
    assert (q.present, q.reached) == (3, True)
    assert dict(q.voters) == {1: 0, 12: 1, 14: 3}
    result = decide(situation, VWVFG, Tally(2, 1, 0))
    assert result.outcome is Outcome.ADOPTED


def test_a_deputy_does_not_vote_while_the_member_is_present() -> None:
    from teilhabe.grants.voting import tally_named

    situation = item({1, 2, 12, 4})
    q = quorum(situation, VWVFG)
    assert q.present == 3  # seats 1, 2, 4; deputy 12 fills nothing
    with pytest.raises(VotingError):
        tally_named({1: Vote.YES, 12: Vote.YES}, situation, q)


def test_deputy_of_an_excluded_member_only_where_the_rules_allow() -> None:
    # Board with member 3 replaced by a seat whose deputy 13 has no interest.
    seats = (*SEATS[:2], Seat(P3, deputy=Person(13)), *SEATS[3:])
    situation = Situation(seats, APPLICANT, ALL, frozenset({1, 3, 13}), frozenset())
    assert quorum(situation, VWVFG).present == 1
    assert quorum(situation, Rules(deputy_for_excluded=True)).present == 2


def test_simple_majority_of_yes_over_no_abstentions_do_not_count() -> None:
    present = item(set(ALL))
    assert decide(present, VWVFG, Tally(1, 0, 4)).outcome is Outcome.ADOPTED
    assert decide(present, VWVFG, Tally(2, 3, 0)).outcome is Outcome.REJECTED


def test_a_tie_without_the_chairs_casting_vote_fails() -> None:
    # Four present (1, 2, 4, 5), 2 yes : 2 no, the chair voted yes.
    result = decide(item({1, 2, 4, 5}), VWVFG, Tally(2, 2, 0, chair=Vote.YES))
    assert result.outcome is Outcome.TIE_REJECTED
    assert not result.adopted


def test_a_tie_with_the_chairs_casting_vote_follows_the_chair() -> None:
    casting = Rules(chair_casting_vote=True)
    present = item({1, 2, 4, 5})
    assert decide(present, casting, Tally(2, 2, 0, chair=Vote.YES)).outcome is Outcome.ADOPTED
    assert decide(present, casting, Tally(2, 2, 0, chair=Vote.NO)).outcome is Outcome.REJECTED
    # A chair who abstained has no vote to decide with: 1 : 1 with 2 abstentions fails.
    tie = decide(present, casting, Tally(1, 1, 2, chair=Vote.ABSTAIN))
    assert tie.outcome is Outcome.TIE_REJECTED


def test_named_votes_give_the_chairs_vote() -> None:
    from teilhabe.grants.voting import tally_named

    present = item({1, 2, 4, 5})
    q = quorum(present, VWVFG)
    votes = {1: Vote.NO, 2: Vote.YES, 4: Vote.NO, 5: Vote.YES}
    assert tally_named(votes, present, q) == Tally(2, 2, 0, chair=Vote.NO)


def test_more_votes_than_voters_are_refused() -> None:
    with pytest.raises(VotingError):
        decide(item({1, 2, 4}), VWVFG, Tally(2, 1, 1))
    with pytest.raises(VotingError):
        decide(item({1, 2, 4}), VWVFG, Tally(-1, 1, 1))


def test_written_procedure_fails_on_any_objection() -> None:
    votes = {1: Vote.YES, 2: Vote.YES, 4: Vote.YES, 5: Vote.NO}
    objected = decide_in_writing(item(set()), VWVFG, votes, objections=[3])
    assert objected.outcome is Outcome.OBJECTED
    assert not objected.adopted


def test_written_procedure_without_objection_decides_by_majority() -> None:
    votes = {1: Vote.YES, 2: Vote.YES, 4: Vote.YES, 5: Vote.NO}
    result = decide_in_writing(item(set()), VWVFG, votes)
    assert result.outcome is Outcome.ADOPTED
    assert result.tally == Tally(3, 1, 0, chair=Vote.YES)
    # Two answers of five are not more than half: no decision.
    few = decide_in_writing(item(set()), VWVFG, {1: Vote.YES, 2: Vote.YES})
    assert few.outcome is Outcome.NO_QUORUM


def test_an_excluded_member_cannot_block_the_written_procedure() -> None:
    # On the applicant's item member 3 is excluded (§ 20): their objection does not count.
    votes = {1: Vote.YES, 2: Vote.YES, 4: Vote.NO}
    result = decide_in_writing(item(set(), applicant=APPLICANT), VWVFG, votes, objections=[3])
    assert result.outcome is Outcome.ADOPTED


def test_who_may_answer_for_a_seat_in_writing() -> None:
    situation = item(set(), recused={4}, applicant=APPLICANT)
    # the chair: the member only; member 2 ("other" interest) and their deputy 12
    assert answerers(SEATS[0], situation, VWVFG) == (P1,)
    assert answerers(SEATS[1], situation, VWVFG) == (P2, D12)
    # member 3 works for the applicant, member 4 recused: no say, nobody to wait for ...
    assert answerers(SEATS[2], situation, VWVFG) == ()
    assert answerers(SEATS[3], situation, VWVFG) == ()
    # ... unless the board lets the deputy stand in for an excluded or recused member
    assert answerers(SEATS[3], situation, Rules(deputy_for_excluded=True)) == (D14,)
