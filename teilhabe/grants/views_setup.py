"""A board's set-up on a body of the network: voting rights and deputies, the register
of interests, and the invitations to a meeting (which quorum needs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants import services
from teilhabe.grants.forms import InterestForm, InvitationForm, VotingRightForm
from teilhabe.grants.models import Interest, VotingRight
from teilhabe.network import access
from teilhabe.network.models import Body, BodyMembership


@requires("network.take_part")
def board_setup(request: HttpRequest, pk: int) -> HttpResponse:
    body: Body = access.get_visible(access.visible_bodies(request.user), pk)
    can_record = access.can_record_in(request.user, body)
    seats = BodyMembership.objects.filter(body=body).select_related("actor")
    meetings = body.meetings.all()
    today = timezone.localdate()
    forms_: dict[str, forms.Form] = {
        "right": VotingRightForm(seats=seats),
        "interest": InterestForm(seats=seats, initial={"declared_on": today}),
        "invite": InvitationForm(meetings=meetings, initial={"invited_on": today}),
    }
    action = request.POST.get("action", "")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        try:
            if action == "right":
                right = forms_["right"] = VotingRightForm(request.POST, seats=seats)
                if right.is_valid():
                    data = right.cleaned_data
                    services.set_voting_right(data["membership"], data["deputy"])
                    return redirect("grants:board_setup", pk=pk)
            elif action == "interest":
                interest = forms_["interest"] = InterestForm(request.POST, seats=seats)
                if interest.is_valid():
                    data = interest.cleaned_data
                    services.declare_interest(
                        data["membership"], data["organisation"], data["kind"],
                        data["declared_on"], data["note"],
                    )  # fmt: skip
                    return redirect("grants:board_setup", pk=pk)
            elif action == "invite":
                invite = forms_["invite"] = InvitationForm(request.POST, meetings=meetings)
                if invite.is_valid():
                    data = invite.cleaned_data
                    services.invite(data["meeting"], _invitees(body), data["invited_on"])
                    return redirect("grants:board_setup", pk=pk)
        except ValidationError as error:
            if action in forms_:
                forms_[action].add_error(None, error.messages)
    log_reads(request, list(seats), "board set-up")  # the page names the members
    context: dict[str, Any] = {
        "body": body,
        "can_record": can_record,
        "rights": VotingRight.objects.filter(membership__body=body).select_related(
            "membership__actor", "deputy__actor"
        ),
        "interests": Interest.objects.filter(membership__body=body).select_related(
            "membership__actor", "organisation"
        ),
        "forms": forms_,
        "tab": "bodies",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "grants/board_setup.html", context, status=status)


def _invitees(body: Body) -> list[BodyMembership]:
    """Every voting member and every deputy of the body."""
    rights = VotingRight.objects.filter(membership__body=body).select_related(
        "membership", "deputy"
    )
    seats = {right.membership.pk: right.membership for right in rights}
    seats.update({right.deputy.pk: right.deputy for right in rights if right.deputy})
    return list(seats.values())
