"""The write paths of boards: voting rights, the register of interests, invitations,
recusals and the decision of an agenda item.

A decision is only written when `grants/voting.py` finds quorum on the item at the
moment of recording; the counts and the quorum are stored with it, so the minutes show
what the board decided with. Decisions and recusals are never edited.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.grants import selectors, voting
from teilhabe.grants.models import (
    BoardItem,
    Interest,
    Invitation,
    ItemDecision,
    NamedVote,
    Recusal,
    VotingRight,
)
from teilhabe.network.models import Actor, AgendaItem, BodyMembership, Meeting


def set_voting_right(
    membership: BodyMembership, deputy: BodyMembership | None = None
) -> VotingRight:
    if deputy is not None and (deputy.pk == membership.pk or deputy.body_id != membership.body_id):
        raise ValidationError(_("The deputy must be another member of the same body."))
    right, _created = VotingRight.objects.update_or_create(
        membership=membership, defaults={"deputy": deputy}
    )
    return right


def declare_interest(
    membership: BodyMembership,
    organisation: Actor,
    kind: str,
    declared_on: datetime.date,
    note: str = "",
) -> Interest:
    interest = Interest(
        membership=membership,
        organisation=organisation,
        kind=kind,
        declared_on=declared_on,
        note=note,
    )
    interest.full_clean()
    interest.save()
    return interest


def invite(meeting: Meeting, memberships: Iterable[BodyMembership], day: datetime.date) -> int:
    """Records the invitation of the members; those already invited stay as they were."""
    created = 0
    for membership in memberships:
        if membership.body_id != meeting.body_id:
            raise ValidationError(_("Only members of the body can be invited."))
        _invitation, new = Invitation.objects.get_or_create(
            meeting=meeting, membership=membership, defaults={"invited_on": day}
        )
        created += int(new)
    return created


def set_applicant(item: AgendaItem, applicant: Actor | None) -> BoardItem:
    board_item, _created = BoardItem.objects.update_or_create(
        agenda_item=item, defaults={"applicant": applicant}
    )
    return board_item


def _undecided(item: AgendaItem) -> None:
    if ItemDecision.objects.filter(agenda_item=item).exists():
        raise ValidationError(_("The item has been decided already."))


@transaction.atomic
def recuse(item: AgendaItem, membership: BodyMembership, reason: str, user: Any) -> Recusal:
    _undecided(item)
    seats = selectors.situation(item).seats
    keys = {seat.member.key for seat in seats} | {seat.deputy.key for seat in seats if seat.deputy}
    if membership.pk not in keys:
        raise ValidationError(_("Only a voting member or a deputy can declare a recusal."))
    recusal, _created = Recusal.objects.get_or_create(
        agenda_item=item,
        membership=membership,
        defaults={"reason": reason, "recorded_by": user},
    )
    return recusal


def _store(item: AgendaItem, result: voting.Result, user: Any, procedure: str) -> ItemDecision:
    if result.outcome is voting.Outcome.NO_QUORUM:
        raise ValidationError(
            _("The board has no quorum for this item: %(present)s of %(required)s needed.")
            % {"present": result.quorum.present, "required": result.quorum.required}
            if result.quorum.all_invited
            else _("The board has no quorum for this item: not every member was invited.")
        )
    tally = result.tally or voting.Tally(0, 0, 0)
    return ItemDecision.objects.create(
        agenda_item=item,
        procedure=procedure,
        yes=tally.yes,
        no=tally.no,
        abstain=tally.abstain,
        chair_vote=tally.chair.value if tally.chair else "",
        outcome=result.outcome.value,
        present=result.quorum.present,
        required=result.quorum.required,
        recorded_by=user,
    )


def _refused(error: voting.VotingError) -> ValidationError:
    return ValidationError(
        _("The votes do not fit who may vote on this item (%(detail)s).") % {"detail": error}
    )


@transaction.atomic
def record_counts(
    item: AgendaItem,
    user: Any,
    *,
    yes: int,
    no: int,
    abstain: int,
    chair_vote: voting.Vote | None = None,
) -> ItemDecision:
    """Records a vote at the meeting by counts; refused without quorum."""
    _undecided(item)
    current = selectors.situation(item)
    try:
        result = voting.decide(
            current,
            selectors.rules_of(item.meeting.body_id),
            voting.Tally(yes, no, abstain, chair_vote),
        )
    except voting.VotingError as error:
        raise _refused(error) from error
    return _store(item, result, user, ItemDecision.Procedure.MEETING)


@transaction.atomic
def record_named(item: AgendaItem, user: Any, votes: Mapping[int, voting.Vote]) -> ItemDecision:
    """Records a vote at the meeting member by member (keys: membership ids)."""
    _undecided(item)
    current = selectors.situation(item)
    rules = selectors.rules_of(item.meeting.body_id)
    quorum = voting.quorum(current, rules)
    try:
        tally = voting.tally_named(votes, current, quorum) if quorum.reached else None
        result = voting.decide(current, rules, tally or voting.Tally(0, 0, 0))
    except voting.VotingError as error:
        raise _refused(error) from error
    decision = _store(item, result, user, ItemDecision.Procedure.MEETING)
    NamedVote.objects.bulk_create(
        NamedVote(decision=decision, membership_id=key, vote=vote.value)
        for key, vote in votes.items()
    )
    return decision


@transaction.atomic
def record_in_writing(
    item: AgendaItem,
    user: Any,
    votes: Mapping[int, voting.Vote],
    objections: Iterable[int] = (),
) -> ItemDecision:
    """Records a written procedure; an objection is stored as its outcome."""
    _undecided(item)
    current = selectors.situation(item)
    try:
        result = voting.decide_in_writing(
            current, selectors.rules_of(item.meeting.body_id), votes, objections
        )
    except voting.VotingError as error:
        raise _refused(error) from error
    decision = _store(item, result, user, ItemDecision.Procedure.WRITTEN)
    NamedVote.objects.bulk_create(
        NamedVote(decision=decision, membership_id=key, vote=vote.value)
        for key, vote in votes.items()
    )
    return decision
