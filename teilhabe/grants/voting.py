"""How a board decides one agenda item: exclusion, recusal, quorum and majority.

A pure module (no database) so that every rule can be tested with hand-computed cases
and the same code answers the meeting page ("quorum now?") and the recording of a
decision ("may this be recorded, and what was decided?").

The defaults follow the Verwaltungsverfahrensgesetz:

- § 20 VwVfG: a member who works for the applicant or sits on its board (Vorstand,
  Aufsichtsrat) is excluded. The register of interests flags this *before* the meeting;
  an interest of kind "other" is only shown, not excluded (see § 21).
- § 21 VwVfG: a member who fears partiality declares a recusal; it is recorded and the
  member does not count for that item, neither as present nor as a voter.
- § 90 Abs. 1 VwVfG: quorum when all members were invited and more than half, at least
  three, of the voting members are present. Counted per item, because an exclusion or
  a recusal changes who counts. A deputy present for an absent member fills the seat.
- § 90 Abs. 1 Satz 2 VwVfG: a decision in writing (Umlaufverfahren) only if no member
  objects to that procedure.
- § 91 VwVfG: majority of the votes cast; abstentions are not votes cast. A tie is a
  rejection unless the board's rules let the chair's vote decide (the brief makes the
  casting vote an opt-in per board; § 91 Satz 2 names it as the statutory default where
  the chair votes, so a board that follows the statute switches it on).

Persons and organisations are identified by plain integers (the primary keys of the
models that feed this module); nothing here knows the models.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class VotingError(ValueError):
    """The recorded votes cannot be right (more votes than voters, an excluded voter)."""


class InterestKind(enum.StrEnum):
    EMPLOYED = "angestellt"
    BOARD_MEMBER = "vorstand"
    OTHER = "sonstiges"


class Vote(enum.StrEnum):
    YES = "ja"
    NO = "nein"
    ABSTAIN = "enthaltung"


class Outcome(enum.StrEnum):
    ADOPTED = "angenommen"
    REJECTED = "abgelehnt"
    TIE_REJECTED = "stimmengleichheit"
    NO_QUORUM = "nicht_beschlussfaehig"
    OBJECTED = "widerspruch"


@dataclass(frozen=True)
class Rules:
    """A board's rules of procedure; the defaults are those of the VwVfG (see above)."""

    exclude_kinds: frozenset[InterestKind] = frozenset(
        {InterestKind.EMPLOYED, InterestKind.BOARD_MEMBER}
    )
    all_invited_required: bool = True
    more_than_half_required: bool = True
    min_present: int = 3
    chair_casting_vote: bool = False
    # An excluded or recused member's deputy may take the seat for the item. Off by
    # default: the VwVfG knows no such stand-in, and a board must decide it explicitly.
    deputy_for_excluded: bool = False


@dataclass(frozen=True)
class Interest:
    organisation: int
    kind: InterestKind


@dataclass(frozen=True)
class Person:
    key: int
    interests: frozenset[Interest] = frozenset()


@dataclass(frozen=True)
class Seat:
    """A voting seat: the member and, optionally, their personal deputy."""

    member: Person
    deputy: Person | None = None
    is_chair: bool = False


@dataclass(frozen=True)
class Situation:
    """One agenda item at one meeting: who sits, who was invited, who is there."""

    seats: tuple[Seat, ...]
    applicant: int | None = None
    invited: frozenset[int] = frozenset()
    present: frozenset[int] = frozenset()
    recused: frozenset[int] = frozenset()


def exclusion(person: Person, applicant: int | None, rules: Rules) -> Interest | None:
    """The interest that excludes the person from deciding on the applicant, if any."""
    if applicant is None:
        return None
    for interest in sorted(person.interests, key=lambda i: i.kind.value):
        if interest.organisation == applicant and interest.kind in rules.exclude_kinds:
            return interest
    return None


def flagged_interests(person: Person, applicant: int | None) -> list[Interest]:
    """Every registered interest in the applicant, also those that do not exclude."""
    if applicant is None:
        return []
    return sorted(
        (i for i in person.interests if i.organisation == applicant), key=lambda i: i.kind.value
    )


def _may_act(person: Person, situation: Situation, rules: Rules) -> bool:
    return (
        person.key not in situation.recused
        and exclusion(person, situation.applicant, rules) is None
    )


@dataclass(frozen=True)
class Quorum:
    seats: int
    all_invited: bool
    present: int  # seats filled by a present member or deputy who may act on the item
    required: int
    voters: Mapping[int, int]  # person key -> index of the seat they vote for
    not_counted: frozenset[int] = field(default_factory=frozenset)  # excluded or recused

    @property
    def reached(self) -> bool:
        return self.all_invited and self.present >= self.required


def voter_for(seat: Seat, situation: Situation, rules: Rules) -> Person | None:
    """Who votes for the seat on this item: the member, else the deputy, else nobody."""
    member_may = _may_act(seat.member, situation, rules)
    if seat.member.key in situation.present and member_may:
        return seat.member
    deputy = seat.deputy
    if deputy is None or deputy.key not in situation.present:
        return None
    if not _may_act(deputy, situation, rules):
        return None
    # A deputy stands in for an absent member; for one who is present or absent but
    # excluded or recused only where the board's rules allow it.
    if not member_may and not rules.deputy_for_excluded:
        return None
    if member_may and seat.member.key in situation.present:
        return None
    return deputy


def required_present(seats: int, rules: Rules) -> int:
    half = seats // 2 + 1 if rules.more_than_half_required else 0
    return max(half, rules.min_present)


def quorum(situation: Situation, rules: Rules) -> Quorum:
    voters: dict[int, int] = {}
    not_counted: set[int] = set()
    for index, seat in enumerate(situation.seats):
        for person in (seat.member, seat.deputy):
            if (
                person is not None
                and person.key in situation.present
                and not _may_act(person, situation, rules)
            ):
                not_counted.add(person.key)
        voter = voter_for(seat, situation, rules)
        if voter is not None:
            voters[voter.key] = index
    invited = all(seat.member.key in situation.invited for seat in situation.seats)
    return Quorum(
        seats=len(situation.seats),
        all_invited=invited or not rules.all_invited_required,
        present=len(voters),
        required=required_present(len(situation.seats), rules),
        voters=voters,
        not_counted=frozenset(not_counted),
    )


@dataclass(frozen=True)
class Tally:
    yes: int
    no: int
    abstain: int
    # The vote cast for the chair's seat, needed for the casting vote on a tie.
    chair: Vote | None = None


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    tally: Tally | None
    quorum: Quorum

    @property
    def adopted(self) -> bool:
        return self.outcome is Outcome.ADOPTED


def tally_named(votes: Mapping[int, Vote], situation: Situation, q: Quorum) -> Tally:
    """Counts of named votes; only persons who vote for a seat on this item may vote."""
    strangers = sorted(set(votes) - set(q.voters))
    if strangers:
        raise VotingError(f"not entitled to vote on this item: {strangers}")
    chair: Vote | None = None
    for key, vote in votes.items():
        if situation.seats[q.voters[key]].is_chair:
            chair = vote
    values = list(votes.values())
    return Tally(values.count(Vote.YES), values.count(Vote.NO), values.count(Vote.ABSTAIN), chair)


def _majority(tally: Tally, rules: Rules) -> Outcome:
    if tally.yes > tally.no:
        return Outcome.ADOPTED
    if tally.yes < tally.no:
        return Outcome.REJECTED
    if rules.chair_casting_vote and tally.chair in (Vote.YES, Vote.NO):
        return Outcome.ADOPTED if tally.chair is Vote.YES else Outcome.REJECTED
    return Outcome.TIE_REJECTED


def decide(situation: Situation, rules: Rules, tally: Tally) -> Result:
    """The outcome of a vote at a meeting; NO_QUORUM means nothing may be recorded."""
    q = quorum(situation, rules)
    if not q.reached:
        return Result(Outcome.NO_QUORUM, None, q)
    if min(tally.yes, tally.no, tally.abstain) < 0:
        raise VotingError("negative count")
    if tally.yes + tally.no + tally.abstain > q.present:
        raise VotingError("more votes than members entitled to vote")
    return Result(_majority(tally, rules), tally, q)


def decide_in_writing(
    situation: Situation,
    rules: Rules,
    votes: Mapping[int, Vote],
    objections: Iterable[int] = (),
) -> Result:
    """A written procedure: fails on any objection of a voting member; otherwise the
    members who answered count as present, and the same quorum and majority apply.

    `situation.present` is ignored: who answered is `votes`.
    """
    answered = Situation(
        seats=situation.seats,
        applicant=situation.applicant,
        invited=situation.invited,
        present=frozenset(votes),
        recused=situation.recused,
    )
    q = quorum(answered, rules)
    entitled = {
        person.key
        for seat in situation.seats
        for person in (seat.member, seat.deputy)
        if person is not None and _may_act(person, situation, rules)
    }
    if any(key in entitled for key in objections):
        return Result(Outcome.OBJECTED, None, q)
    if not q.reached:
        return Result(Outcome.NO_QUORUM, None, q)
    tally = tally_named(votes, answered, q)
    return Result(_majority(tally, rules), tally, q)


def answerers(seat: Seat, situation: Situation, rules: Rules) -> tuple[Person, ...]:
    """Who may answer for the seat in a written procedure: the member unless excluded or
    recused, and the deputy in their place on the same terms as at a meeting (for an
    excluded or recused member only where the rules allow it). Empty: the seat has no
    say on this item and nobody need be waited for."""
    member_may = _may_act(seat.member, situation, rules)
    persons = [seat.member] if member_may else []
    deputy = seat.deputy
    if (
        deputy is not None
        and _may_act(deputy, situation, rules)
        and (member_may or rules.deputy_for_excluded)
    ):
        persons.append(deputy)
    return tuple(persons)
