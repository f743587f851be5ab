"""The write paths of a decision in writing (Umlaufverfahren, § 90 Abs. 1 Satz 2 VwVfG).

Staff start the procedure for an item and record each answer as it comes in (by letter
or e-mail): yes, no, abstention, or an objection to deciding in writing. An objection
of anybody entitled to act on the item ends the procedure at once and records no
decision: the item goes to a meeting. Once every seat with a say has answered, or
the day set for the answers has passed, the rules of `grants/voting.py` decide (the
members who answered count as present); with quorum the decision is stored like one
taken at a meeting, with its named votes, without quorum the procedure ends with none.
A late answer is refused. The deadline is applied by the daily job and whenever the
item's page is opened, whichever comes first.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.grants import selectors, services, voting
from teilhabe.grants.models import ItemDecision, WrittenAnswer, WrittenProcedure
from teilhabe.network.models import AgendaItem, BodyMembership

State = WrittenProcedure.State


def _refuse_if_decided(item: AgendaItem) -> None:
    if ItemDecision.objects.filter(agenda_item=item).exists():
        raise ValidationError(_("The item has been decided already."))


@transaction.atomic
def start(item: AgendaItem, user: Any, answer_by: datetime.date | None = None) -> WrittenProcedure:
    _refuse_if_decided(item)
    if answer_by is not None and answer_by < timezone.localdate():
        raise ValidationError(_("The day for the answers cannot lie in the past."))
    if WrittenProcedure.objects.filter(agenda_item=item).exists():
        # One per item: after an objection the statute sends the item to a meeting.
        raise ValidationError(_("A written procedure has been held on this item already."))
    current = selectors.situation(item)
    if not current.seats:
        raise ValidationError(_("The body has no voting seats."))
    procedure = WrittenProcedure.objects.create(
        agenda_item=item, started_by=user, answer_by=answer_by
    )
    # A board where nobody may act on the item has nobody to wait for: it ends at once.
    return _settle(procedure, item, current, selectors.rules_of(item.meeting.body_id), user)


def _seat_of(key: int, situation: voting.Situation) -> voting.Seat | None:
    for seat in situation.seats:
        if key == seat.member.key or (seat.deputy is not None and key == seat.deputy.key):
            return seat
    return None


@transaction.atomic
def answer(item: AgendaItem, membership: BodyMembership, given: str, user: Any) -> WrittenProcedure:
    """Records one answer; the procedure ends on an objection or on the last answer."""
    procedure = WrittenProcedure.objects.select_for_update().filter(agenda_item=item).first()
    if procedure is not None and _overdue(procedure, timezone.localdate()):
        raise ValidationError(
            _("The time for answers ended on %(day)s: a late answer is not counted.")
            % {"day": procedure.answer_by.strftime("%d.%m.%Y") if procedure.answer_by else ""}
        )
    if procedure is None or procedure.state != State.OPEN:
        raise ValidationError(_("No written procedure is open on this item."))
    _refuse_if_decided(item)
    current = selectors.situation(item)
    rules = selectors.rules_of(item.meeting.body_id)
    seat = _seat_of(membership.pk, current)
    if seat is None:
        raise ValidationError(_("Only a voting member or a deputy can answer."))
    if membership.pk not in {person.key for person in voting.answerers(seat, current, rules)}:
        raise ValidationError(
            _("%(member)s is excluded or recused and takes no part in this item.")
            % {"member": membership}
        )
    answered = set(procedure.answers.values_list("membership_id", flat=True))
    if any(person.key in answered for person in (seat.member, seat.deputy) if person):
        raise ValidationError(_("This seat has answered already."))
    WrittenAnswer.objects.create(
        procedure=procedure, membership=membership, answer=given, recorded_by=user
    )
    if given == WrittenAnswer.Answer.OBJECT:
        return _end(procedure, State.OBJECTED)
    return _settle(procedure, item, current, rules, user)


@transaction.atomic
def settle(item: AgendaItem, user: Any) -> WrittenProcedure | None:
    """Ends an open procedure the item has outgrown: after a decision at the meeting,
    or after a recusal that took the last outstanding seat out of the item."""
    procedure = WrittenProcedure.objects.select_for_update().filter(agenda_item=item).first()
    if procedure is None or procedure.state != State.OPEN:
        return procedure
    if ItemDecision.objects.filter(agenda_item=item).exists():
        return _end(procedure, State.SUPERSEDED)
    current = selectors.situation(item)
    return _settle(procedure, item, current, selectors.rules_of(item.meeting.body_id), user)


def _overdue(procedure: WrittenProcedure, today: datetime.date) -> bool:
    return procedure.answer_by is not None and today > procedure.answer_by


@transaction.atomic
def close_if_overdue(item: AgendaItem, user: Any, today: datetime.date) -> WrittenProcedure | None:
    """Ends an open procedure whose day for the answers has passed, with the answers
    received; None when there is nothing to end."""
    procedure = WrittenProcedure.objects.select_for_update().filter(agenda_item=item).first()
    if procedure is None or procedure.state != State.OPEN or not _overdue(procedure, today):
        return None
    if ItemDecision.objects.filter(agenda_item=item).exists():
        return _end(procedure, State.SUPERSEDED)
    current = selectors.situation(item)
    return _conclude(procedure, item, current, selectors.rules_of(item.meeting.body_id), user)


def close_overdue(today: datetime.date) -> int:
    """The daily job's part: every open procedure past its day; how many ended."""
    overdue = WrittenProcedure.objects.filter(state=State.OPEN, answer_by__lt=today)
    items = AgendaItem.objects.filter(written_procedure__in=overdue).select_related("meeting__body")
    return sum(close_if_overdue(item, None, today) is not None for item in items)


def _settle(
    procedure: WrittenProcedure,
    item: AgendaItem,
    current: voting.Situation,
    rules: voting.Rules,
    user: Any,
) -> WrittenProcedure:
    answered = set(procedure.answers.values_list("membership_id", flat=True))
    if selectors.outstanding(current, rules, answered):
        return procedure
    return _conclude(procedure, item, current, rules, user)


def _end(procedure: WrittenProcedure, state: str) -> WrittenProcedure:
    procedure.state = state
    procedure.ended_at = timezone.now()
    procedure.save(update_fields=["state", "ended_at"])
    return procedure


def _conclude(
    procedure: WrittenProcedure,
    item: AgendaItem,
    current: voting.Situation,
    rules: voting.Rules,
    user: Any,
) -> WrittenProcedure:
    # Only the answers of those who may still act count: a member who answered and
    # declared a recusal afterwards has withdrawn from the item.
    entitled = {
        person.key for seat in current.seats for person in voting.answerers(seat, current, rules)
    }
    votes = {
        row.membership_id: voting.Vote(row.answer)
        for row in procedure.answers.all()
        if row.membership_id in entitled
    }
    result = voting.decide_in_writing(current, rules, votes)
    if result.outcome is voting.Outcome.NO_QUORUM:
        return _end(procedure, State.NO_QUORUM)
    services.record_in_writing(item, user, votes)
    return _end(procedure, State.DECIDED)
