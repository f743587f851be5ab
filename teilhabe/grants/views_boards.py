"""The board's page of one agenda item: seats with their flags, the quorum as it stands,
recusals and the decision (by counts, by named votes, or in writing). Who sees and
records it follows the network's access."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants import access as pack_access
from teilhabe.grants import selectors, services, voting, written
from teilhabe.grants.forms import (
    CountsForm,
    NamedVotesForm,
    RecusalForm,
    WrittenAnswerForm,
    WrittenStartForm,
)
from teilhabe.grants.models import ItemDecision, NamedVote, WrittenProcedure
from teilhabe.network import access
from teilhabe.network.models import AgendaItem, BodyMembership


def _seats(page: dict[str, object]) -> list[BodyMembership]:
    rows = page["seats"]
    assert isinstance(rows, list)
    return [m for row in rows for m in (row.member, row.deputy) if m is not None]


def _voters(page: dict[str, object]) -> list[tuple[BodyMembership, bool]]:
    """Who votes for a seat on this item, with the chair's seat marked."""
    rows = page["seats"]
    assert isinstance(rows, list)
    return [
        (row.voter, row.member.function == BodyMembership.Function.CHAIR)
        for row in rows
        if row.voter is not None
    ]


def _write(request: HttpRequest, item: AgendaItem, action: str, form: forms.Form) -> str:
    """Runs the posted action with its valid form; returns the message of success."""
    data = form.cleaned_data
    if action == "recuse":
        services.recuse(item, data["membership"], data["reason"], request.user)
        written.settle(item, request.user)
        return _("The recusal is recorded.")
    if action == "decide":
        services.record_counts(
            item,
            request.user,
            yes=data["yes"],
            no=data["no"],
            abstain=data["abstain"],
            chair_vote=voting.Vote(data["chair_vote"]) if data["chair_vote"] else None,
        )
        written.settle(item, request.user)
        return _("The decision is recorded.")
    if action == "named":
        assert isinstance(form, NamedVotesForm)
        services.record_named(item, request.user, form.votes())
        written.settle(item, request.user)
        return _("The decision is recorded.")
    if action == "written_start":
        procedure = written.start(item, request.user, data["answer_by"])
        return _ended(procedure, _("The written procedure is started."))
    procedure = written.answer(item, data["answerer"], data["answer"], request.user)
    return _ended(procedure, _("The answer is recorded."))


def _ended(procedure: WrittenProcedure, otherwise: str) -> str:
    ended: dict[str, str] = {
        WrittenProcedure.State.OBJECTED: _(
            "The objection is recorded: the written procedure has ended, the item goes to a "
            "meeting."
        ),
        WrittenProcedure.State.NO_QUORUM: _(
            "The written procedure ends without quorum: the item goes to a meeting."
        ),
        WrittenProcedure.State.DECIDED: _("All answers are in: the decision is recorded."),
    }
    return ended.get(procedure.state, otherwise)


@requires("network.take_part")
def board_item(request: HttpRequest, pk: int) -> HttpResponse:
    meetings = access.visible_meetings(request.user)
    item: AgendaItem = access.get_visible(
        AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting__body"), pk
    )
    can_record = access.can_record_in(request.user, item.meeting.body)
    # a procedure whose day for the answers has passed ends before the page shows it
    # (the daily job does the same for pages nobody opens)
    written.close_if_overdue(item, None, timezone.localdate())
    page = selectors.item_page(item)
    writing = selectors.written_page(item)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "")
    posted = {
        "recuse": RecusalForm(post if action == "recuse" else None, seats=_seats(page)),
        "decide": CountsForm(post if action == "decide" else None),
        "named": NamedVotesForm(post if action == "named" else None, voters=_voters(page)),
        "written_start": WrittenStartForm(post if action == "written_start" else None),
        "written_answer": WrittenAnswerForm(
            post if action == "written_answer" else None, may_answer=writing.may_answer
        ),
    }
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        form = posted.get(action)
        if form is not None and form.is_valid():
            try:
                messages.success(request, _write(request, item, action, form))
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                return redirect("grants:board_item", pk=item.pk)
    log_reads(request, _seats(page), "board item")  # the page names the members
    decision = ItemDecision.objects.filter(agenda_item=item).first()
    context = {
        **page,
        "item": item,
        "meeting": item.meeting,
        "can_record": can_record,
        "may_read_papers": pack_access.may_read_pack(request.user, item.meeting),
        "decision": decision,
        "named_votes": NamedVote.objects.filter(decision=decision).select_related(
            "membership__actor"
        )
        if decision
        else [],
        "written": writing,
        "recusal_form": posted["recuse"],
        "counts_form": posted["decide"],
        # The named votes open on request (`?namentlich=1`): their selects are labelled
        # with the members' names, which must not crowd the count form's "Yes"/"No".
        "show_named": "namentlich" in request.GET or action == "named",
        "named_form": posted["named"],
        "start_form": posted["written_start"],
        "answer_form": posted["written_answer"],
        "tab": "bodies",
    }
    return render(
        request, "grants/board_item.html", context, status=400 if request.method == "POST" else 200
    )
