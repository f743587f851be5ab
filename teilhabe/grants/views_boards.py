"""The board's page of one agenda item: seats with their flags, the quorum as it stands,
recusals and the decision. Who sees and records it follows the network's access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants import access as pack_access
from teilhabe.grants import selectors, services, voting
from teilhabe.grants.forms import CountsForm, RecusalForm
from teilhabe.grants.models import ItemDecision
from teilhabe.network import access
from teilhabe.network.models import AgendaItem, BodyMembership


def _seats(page: dict[str, object]) -> list[BodyMembership]:
    rows = page["seats"]
    assert isinstance(rows, list)
    return [m for row in rows for m in (row.member, row.deputy) if m is not None]


@requires("network.take_part")
def board_item(request: HttpRequest, pk: int) -> HttpResponse:
    meetings = access.visible_meetings(request.user)
    item: AgendaItem = access.get_visible(
        AgendaItem.objects.filter(meeting__in=meetings).select_related("meeting__body"), pk
    )
    can_record = access.can_record_in(request.user, item.meeting.body)
    page = selectors.item_page(item)
    recusal_form = RecusalForm(seats=_seats(page))
    counts_form = CountsForm()
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "recuse":
                recusal_form = RecusalForm(request.POST, seats=_seats(page))
                if recusal_form.is_valid():
                    services.recuse(
                        item,
                        recusal_form.cleaned_data["membership"],
                        recusal_form.cleaned_data["reason"],
                        request.user,
                    )
                    messages.success(request, _("The recusal is recorded."))
                    return redirect("grants:board_item", pk=item.pk)
            elif action == "decide":
                counts_form = CountsForm(request.POST)
                if counts_form.is_valid():
                    data = counts_form.cleaned_data
                    services.record_counts(
                        item,
                        request.user,
                        yes=data["yes"],
                        no=data["no"],
                        abstain=data["abstain"],
                        chair_vote=voting.Vote(data["chair_vote"]) if data["chair_vote"] else None,
                    )
                    messages.success(request, _("The decision is recorded."))
                    return redirect("grants:board_item", pk=item.pk)
        except ValidationError as error:
            form = recusal_form if action == "recuse" else counts_form
            form.add_error(None, error.messages)
    log_reads(request, _seats(page), "board item")  # the page names the members
    context = {
        **page,
        "item": item,
        "meeting": item.meeting,
        "can_record": can_record,
        "may_read_papers": pack_access.may_read_pack(request.user, item.meeting),
        "decision": ItemDecision.objects.filter(agenda_item=item).first(),
        "recusal_form": recusal_form,
        "counts_form": counts_form,
        "tab": "bodies",
    }
    return render(
        request, "grants/board_item.html", context, status=400 if request.method == "POST" else 200
    )
