"""Who sees and does what in mediation: the one place where it is decided.

- The coordinator of a pool is a team lead of the organisation that keeps it
  (`mediation.coordinate`): mediators, requesting bodies, all requests with the
  ranking, allowances and figures of that organisation. A request of another
  organisation answers 404, as if it did not exist.
- Staff of a service request a mediator (`mediation.request_mediator`); the request
  then belongs to the pool of the requesting body they chose.
- A mediator signs in with a service membership (`mediation.serve`) and sees only the
  assignments of the mediator records linked to their account, and the open requests
  of their pools in their languages: never a client, since a request names none.
- Outside bodies use their token link, which shows one form and nothing else.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from teilhabe.accounts.roles import Role
from teilhabe.mediation.models import Assignment, MediationRequest, Mediator, RequestingBody


def coordinated(user: Any) -> list[int]:
    """The organisations whose pool the user coordinates."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        user.memberships.filter(role=Role.TEAM_LEAD).values_list("organisation_id", flat=True)
    )


def requests_of(user: Any) -> QuerySet[MediationRequest]:
    return MediationRequest.objects.filter(organisation_id__in=coordinated(user))


def request_or_404(user: Any, pk: int) -> MediationRequest:
    return get_object_or_404(requests_of(user).select_related("body", "district"), pk=pk)


def mediator_or_404(user: Any, pk: int) -> Mediator:
    return get_object_or_404(Mediator.objects.filter(organisation_id__in=coordinated(user)), pk=pk)


def body_or_404(user: Any, pk: int) -> RequestingBody:
    queryset = RequestingBody.objects.filter(organisation_id__in=coordinated(user))
    return get_object_or_404(queryset, pk=pk)


def own_mediators(user: Any) -> QuerySet[Mediator]:
    """The mediator records of the signed-in user (one per pool they work in)."""
    if not getattr(user, "is_authenticated", False):
        return Mediator.objects.none()
    return Mediator.objects.filter(user=user, is_active=True)


def own_assignment_or_404(user: Any, pk: int) -> Assignment:
    queryset = Assignment.objects.filter(mediator__in=own_mediators(user), cancelled_at=None)
    return get_object_or_404(queryset.select_related("request", "mediator"), pk=pk)
