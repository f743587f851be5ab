"""Who sees which programme: the one place where programme access is decided.

- A programme coordinator manages the programmes of their organisation (limited to
  the services of the membership, if it names any): families, home visits, ends.
- A team lead of the organisation reads them (same service limit), changes nothing.
- Nobody sees another organisation's programmes; counsellors, volunteer coordinators,
  the integration coordinator and the statistics office see none (the view
  permissions in accounts/rules.py already keep them out; the scope here is empty for
  them as well).

An object outside the scope is a 404, not a 403: its existence is not revealed.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.programmes.models import Enrolment, Programme

READ_ROLES = (Role.PROGRAMME_COORDINATOR, Role.TEAM_LEAD)
MANAGE_ROLES = (Role.PROGRAMME_COORDINATOR,)


def _scope(user: Any, roles: tuple[Role, ...]) -> Q:
    condition = Q(pk__in=[])
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return condition
    for membership in user.memberships.filter(role__in=roles).prefetch_related("services"):
        scope = Q(organisation_id=membership.organisation_id)
        services = [service.pk for service in membership.services.all()]
        if services:
            scope &= Q(service_id__in=services)
        condition |= scope
    return condition


def visible_programmes(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(_scope(user, READ_ROLES))


def managed_programmes(user: Any) -> QuerySet[Programme]:
    return Programme.objects.filter(_scope(user, MANAGE_ROLES))


def can_manage(user: Any, programme: Programme) -> bool:
    return managed_programmes(user).filter(pk=programme.pk).exists()


def programme_or_404(user: Any, pk: int, *, manage: bool = False) -> Programme:
    programmes = managed_programmes(user) if manage else visible_programmes(user)
    programme = programmes.select_related("organisation", "service").filter(pk=pk).first()
    if programme is None:
        raise Http404
    return programme


def enrolment_or_404(user: Any, pk: int, *, manage: bool = False) -> Enrolment:
    programmes = managed_programmes(user) if manage else visible_programmes(user)
    enrolment = (
        Enrolment.objects.filter(programme__in=programmes, pk=pk)
        .select_related(
            "programme__organisation", "programme__service", "household", "contact_person"
        )
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment


def coordinator_memberships(user: Any) -> list[Any]:
    """The memberships through which the user may set up programmes."""
    return list(
        user.memberships.filter(role__in=MANAGE_ROLES)
        .select_related("organisation")
        .prefetch_related("services")
    )


def programme_staff(organisation_id: int) -> QuerySet[Any]:
    """Who can be home visitor or coordinator of an organisation's programmes: its
    programme coordinators (home visitors hold that role too)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id=organisation_id,
            memberships__role__in=MANAGE_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
