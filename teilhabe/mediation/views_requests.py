"""Requests from staff and from outside bodies (token link), and the mediator's own
list: accept an open request, confirm, give back with a reason, record completion."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from teilhabe.core import ratelimit
from teilhabe.core.access import public, requires
from teilhabe.core.middleware import client_address
from teilhabe.mediation import access, matching, selectors, services
from teilhabe.mediation.forms import ReasonForm, RequestForm, StaffRequestForm
from teilhabe.mediation.models import Side, Status
from teilhabe.mediation.views import completion_page, form_page, run

serve = requires("mediation.serve")


@requires("mediation.request_mediator")
def request_create(request: HttpRequest) -> HttpResponse:
    form = StaffRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.organisation_id = item.body.organisation_id
        item.created_by = request.user
        item.save()
        messages.success(request, _("The request was sent to the mediation pool."))
        return redirect("core:dashboard")
    return form_page(request, form, _("Request a mediator"), reverse("core:dashboard"))


# Requests without a sign-in: every request to the token form per address (slows the
# guessing of tokens), sent requests per body (a leaked link cannot flood the pool).
# (count, seconds); settings.MEDIATION_OUTSIDE_RATE overrides either.
OUTSIDE_RATE = {"address": (120, 600), "token": (30, 3600)}


def _too_many(request: HttpRequest, scope: str, key: str) -> HttpResponse | None:
    rate = {**OUTSIDE_RATE, **getattr(settings, "MEDIATION_OUTSIDE_RATE", {})}[scope]
    return ratelimit.refusal(
        request, f"mediation-outside-{scope}", key, rate, "mediation/too_many.html"
    )


@public
def outside_request(request: HttpRequest, token: str) -> HttpResponse:
    """The form of a registered outside body (a school secretary's office): it shows
    the body's name and the form, nothing of other requests."""
    refused = _too_many(request, "address", client_address(request) or "")
    if refused is not None:
        return refused
    body = services.body_by_token(token)
    if body is None:
        raise Http404
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refused = _too_many(request, "token", str(body.pk))
        if refused is not None:
            return refused
        item = form.save(commit=False)
        item.body = body
        item.organisation_id = body.organisation_id
        item.save()
        return render(request, "mediation/outside_done.html", {"body": body})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mediation/outside_request.html", {"form": form, "body": body}, status=status
    )


@serve
def my_assignments(request: HttpRequest) -> HttpResponse:
    mediators = access.own_mediators(request.user)
    today = timezone.localdate()
    context = {
        "mediators": mediators,
        "assignments": selectors.own_assignments(mediators),
        "open_requests": selectors.open_for(mediators, today),
        "today": today,
    }
    return render(request, "mediation/my_assignments.html", context)


@serve
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The mediator takes an open request of their pool that they can do."""
    mediators = access.own_mediators(request.user)
    open_requests = {item.pk: item for item in selectors.open_for(mediators, timezone.localdate())}
    item = open_requests.get(pk)
    if item is None:
        raise Http404
    mediator = mediators.get(organisation_id=item.organisation_id)
    own = [c for c in selectors.candidates_for(item) if c.mediator_id == mediator.pk]
    if not own or matching.reasons_for(selectors.need_of(item), own[0]) is None:
        messages.error(request, _("This request does not fit your languages or modalities."))
        return redirect("mediation:my_assignments")
    try:
        services.assign(item, mediator, user=request.user)
        messages.success(request, _("You have taken the request."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mediation:my_assignments")


@serve
@require_POST
def my_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.own_assignment_or_404(request.user, pk)
    try:
        services.confirm(assignment)
        messages.success(request, _("The assignment is confirmed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("mediation:my_assignments")


@serve
def my_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.own_assignment_or_404(request.user, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        if run(
            form, lambda: services.cancel(assignment.request, side=Side.MEDIATOR, reason=reason)
        ):
            messages.success(request, _("You have given the assignment back."))
            return redirect("mediation:my_assignments")
    return form_page(
        request, form, _("Give the assignment back"), reverse("mediation:my_assignments")
    )


@serve
def my_complete(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = access.own_assignment_or_404(request.user, pk)
    if assignment.request.status not in (Status.ASSIGNED, Status.CONFIRMED):
        raise Http404
    return completion_page(request, assignment.request, reverse("mediation:my_assignments"))
