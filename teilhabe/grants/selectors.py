"""The read paths of boards: an agenda item as `grants/voting.py` sees it, and the rows
of the item page (who sits, who is flagged, who counts)."""

from __future__ import annotations

from dataclasses import dataclass

from teilhabe.grants import voting
from teilhabe.grants.models import (
    BoardItem,
    BoardRules,
    Interest,
    Invitation,
    Recusal,
    VotingRight,
    WrittenAnswer,
    WrittenProcedure,
)
from teilhabe.network.models import AgendaItem, Attendance, BodyMembership


def rules_of(body_id: int) -> voting.Rules:
    stored = BoardRules.objects.filter(body_id=body_id).first()
    return stored.as_rules() if stored else voting.Rules()


def _person(membership_id: int, interests: dict[int, set[voting.Interest]]) -> voting.Person:
    return voting.Person(membership_id, frozenset(interests.get(membership_id, set())))


def situation(item: AgendaItem) -> voting.Situation:
    """The item at its meeting: the voting seats serving on the meeting's day, the
    invited, the present (network attendance), the recused, and the applicant."""
    meeting = item.meeting
    rights = [
        right
        for right in VotingRight.objects.filter(membership__body_id=meeting.body_id)
        .select_related("membership", "deputy")
        .order_by("membership_id")
        if right.membership.serves_on(meeting.held_on)
    ]
    interests: dict[int, set[voting.Interest]] = {}
    for entry in Interest.objects.filter(membership__body_id=meeting.body_id):
        interests.setdefault(entry.membership_id, set()).add(
            voting.Interest(entry.organisation_id, voting.InterestKind(entry.kind))
        )
    seats = tuple(
        voting.Seat(
            member=_person(right.membership_id, interests),
            deputy=_person(right.deputy_id, interests)
            if right.deputy_id and right.deputy and right.deputy.serves_on(meeting.held_on)
            else None,
            is_chair=right.membership.function == BodyMembership.Function.CHAIR,
        )
        for right in rights
    )
    board_item = BoardItem.objects.filter(agenda_item=item).first()
    return voting.Situation(
        seats=seats,
        applicant=board_item.applicant_id if board_item else None,
        invited=frozenset(
            Invitation.objects.filter(meeting=meeting).values_list("membership_id", flat=True)
        ),
        present=frozenset(
            Attendance.objects.filter(
                meeting=meeting, status=Attendance.Status.PRESENT
            ).values_list("membership_id", flat=True)
        ),
        recused=frozenset(
            Recusal.objects.filter(agenda_item=item).values_list("membership_id", flat=True)
        ),
    )


@dataclass(frozen=True)
class SeatRow:
    member: BodyMembership
    deputy: BodyMembership | None
    present: bool
    recused: bool
    excluded_by: voting.Interest | None
    other_interests: list[voting.Interest]
    voter: BodyMembership | None


def item_page(item: AgendaItem) -> dict[str, object]:
    """What the board item page shows: the seats with their flags, the live quorum."""
    current = situation(item)
    rules = rules_of(item.meeting.body_id)
    quorum = voting.quorum(current, rules)
    keys = {seat.member.key for seat in current.seats} | {
        seat.deputy.key for seat in current.seats if seat.deputy
    }
    members = BodyMembership.objects.select_related("actor").in_bulk(keys)
    rows = []
    for seat in current.seats:
        voter = voting.voter_for(seat, current, rules)
        rows.append(
            SeatRow(
                member=members[seat.member.key],
                deputy=members[seat.deputy.key] if seat.deputy else None,
                present=seat.member.key in current.present,
                recused=seat.member.key in current.recused,
                excluded_by=voting.exclusion(seat.member, current.applicant, rules),
                other_interests=[
                    interest
                    for interest in voting.flagged_interests(seat.member, current.applicant)
                    if interest.kind not in rules.exclude_kinds
                ],
                voter=members[voter.key] if voter else None,
            )
        )
    return {"situation": current, "rules": rules, "quorum": quorum, "seats": rows}


def outstanding(
    situation: voting.Situation, rules: voting.Rules, answered: set[int]
) -> list[voting.Seat]:
    """The seats with a say on the item whose member or deputy has not answered yet in
    the written procedure (a seat without a say is not waited for)."""
    return [
        seat
        for seat in situation.seats
        if (persons := voting.answerers(seat, situation, rules))
        and not any(person.key in answered for person in persons)
    ]


@dataclass(frozen=True)
class WrittenPage:
    procedure: WrittenProcedure | None
    answers: list[WrittenAnswer]
    waiting_for: list[BodyMembership]  # the members of the seats still to answer
    may_answer: list[BodyMembership]  # members and deputies who may still answer


def written_page(item: AgendaItem) -> WrittenPage:
    """The written procedure of the item as the page shows it."""
    procedure = WrittenProcedure.objects.filter(agenda_item=item).first()
    if procedure is None:
        return WrittenPage(None, [], [], [])
    answers = list(procedure.answers.select_related("membership__actor"))
    current = situation(item)
    rules = rules_of(item.meeting.body_id)
    seats = outstanding(current, rules, {row.membership_id for row in answers})
    persons = [p.key for seat in seats for p in voting.answerers(seat, current, rules)]
    members = BodyMembership.objects.select_related("actor").in_bulk(
        persons + [seat.member.key for seat in seats]
    )
    return WrittenPage(
        procedure=procedure,
        answers=answers,
        waiting_for=[members[seat.member.key] for seat in seats],
        may_answer=[members[key] for key in persons],
    )
