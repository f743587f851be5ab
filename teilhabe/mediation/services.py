"""The write paths of mediation: requests, assignments and their state.

A request is open until a mediator is assigned (by the coordinator, or by the mediator
from their own list); the mediator confirms; afterwards the assignment is completed
(time, travel, programme) or the client did not come (no-show). Either side cancels
with a reason: the requesting body cancels the request; a mediator (or the
coordination on their behalf) cancels only the assignment, and the request is open
again for somebody else. A request nobody could take is closed as unfulfilled: that
is the demand the pool must recruit for.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.mediation.models import (
    Assignment,
    MediationRequest,
    Mediator,
    RequestingBody,
    Side,
    Status,
    hash_token,
    new_token,
)

LIVE = (Status.ASSIGNED, Status.CONFIRMED)


def live_assignment(request: MediationRequest) -> Assignment | None:
    return request.assignments.filter(cancelled_at=None).select_related("mediator").first()


def _locked(request: MediationRequest) -> MediationRequest:
    return MediationRequest.objects.select_for_update().get(pk=request.pk)


def _set_status(request: MediationRequest, status: str, **fields: Any) -> None:
    request.status = status
    for name, value in fields.items():
        setattr(request, name, value)
    request.version += 1
    request.save(update_fields=["status", "version", *fields])


@transaction.atomic
def assign(request: MediationRequest, mediator: Mediator, *, user: Any) -> Assignment:
    """Gives the open request to `mediator` (the coordinator's choice or the mediator's
    own acceptance). Two people assigning at once: the second is refused."""
    current = _locked(request)
    if current.status != Status.OPEN:
        raise ValidationError(_("The request is no longer open."))
    if mediator.organisation_id != current.organisation_id or not mediator.is_active:
        raise ValidationError(_("The mediator does not belong to this pool."))
    assignment = Assignment.objects.create(
        request=current, mediator=mediator, assigned_at=timezone.now(), assigned_by=user
    )
    # A mediator who accepts from their own list has thereby confirmed.
    if mediator.user_id is not None and mediator.user_id == getattr(user, "pk", None):
        assignment.confirmed_at = assignment.assigned_at
        assignment.save(update_fields=["confirmed_at"])
        _set_status(current, Status.CONFIRMED)
    else:
        _set_status(current, Status.ASSIGNED)
    request.refresh_from_db()
    return assignment


@transaction.atomic
def confirm(assignment: Assignment) -> None:
    current = _locked(assignment.request)
    if current.status != Status.ASSIGNED:
        raise ValidationError(_("Only an assigned request can be confirmed."))
    assignment.confirmed_at = timezone.now()
    assignment.save(update_fields=["confirmed_at"])
    _set_status(current, Status.CONFIRMED)


@transaction.atomic
def cancel(request: MediationRequest, *, side: str, reason: str) -> None:
    """The requesting body cancels the request; a mediator (or the coordination for
    them) gives the assignment back and the request is open again."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Please give a reason for the cancellation."))
    current = _locked(request)
    if current.status not in (Status.OPEN, *LIVE):
        raise ValidationError(_("The request can no longer be cancelled."))
    assignment = live_assignment(current)
    if assignment is not None:
        assignment.cancelled_at = timezone.now()
        assignment.cancelled_by_side = side
        assignment.cancel_reason = reason
        assignment.save(update_fields=["cancelled_at", "cancelled_by_side", "cancel_reason"])
    if side == Side.REQUESTER:
        _set_status(current, Status.CANCELLED, cancel_reason=reason)
    elif assignment is not None:
        _set_status(current, Status.OPEN)
    else:
        raise ValidationError(_("There is no assignment to give back."))


@transaction.atomic
def close_unfulfilled(request: MediationRequest, *, reason: str) -> None:
    current = _locked(request)
    if current.status != Status.OPEN:
        raise ValidationError(_("Only an open request can be closed as unfulfilled."))
    _set_status(current, Status.UNFULFILLED, cancel_reason=reason.strip())


def _check_done(current: MediationRequest, assignment: Assignment | None) -> Assignment:
    if current.status not in LIVE or assignment is None:
        raise ValidationError(_("Only an assigned request can be completed."))
    if current.date > timezone.localdate():
        raise ValidationError(_("The appointment lies in the future."))
    return assignment


@transaction.atomic
def complete(
    request: MediationRequest,
    *,
    minutes_spent: int,
    travel_minutes: int,
    travel_km: Decimal,
    modality: str,
    programme: Any = None,
    no_show: bool = False,
) -> Assignment:
    """Records what the assignment took; a no-show records the time and travel the
    mediator spent all the same (they are paid for it)."""
    current = _locked(request)
    assignment = _check_done(current, live_assignment(current))
    assignment.completed_at = timezone.now()
    assignment.minutes_spent = minutes_spent
    assignment.travel_minutes = travel_minutes
    assignment.travel_km = travel_km
    assignment.modality = modality
    assignment.programme = programme
    assignment.save()
    _set_status(current, Status.NO_SHOW if no_show else Status.COMPLETED)
    return assignment


def starts(request: MediationRequest) -> datetime.datetime:
    naive = datetime.datetime.combine(request.date, request.starts_at)
    return timezone.make_aware(naive)


def ends(request: MediationRequest) -> datetime.datetime:
    return starts(request) + datetime.timedelta(minutes=request.duration_minutes)


def issue_link(body: RequestingBody) -> str:
    """A new secret for the body's request form; the previous link stops working. The
    token is returned to be shown once and only its hash is stored."""
    token = new_token()
    body.token_hash = hash_token(token)
    body.link_issued_at = timezone.now()
    body.save(update_fields=["token_hash", "link_issued_at"])
    return token


def body_by_token(token: str) -> RequestingBody | None:
    return RequestingBody.objects.filter(token_hash=hash_token(token), is_active=True).first()
