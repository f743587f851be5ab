"""Who sees and keeps what of funding: the one place where it is decided.

- The integration coordinator keeps programmes, their dependants and staff posts, and
  the funds with their budgets (`funding.keep_programmes`).
- Team leads read programmes, funds and the funding cliff (`funding.view_programmes`):
  they need to know when the money behind their services ends. Their start page warns
  them of the dependants in their own services (`led_scope`).

Funding data names posts, services and organisations, never a client; a contact at a
funder is a business contact, and every change is in the audit log.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from teilhabe.accounts.roles import Role


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def can_view(user: Any) -> bool:
    return _signed_in(user) and user.has_perm("funding.view_programmes")


def can_keep(user: Any) -> bool:
    return _signed_in(user) and user.has_perm("funding.keep_programmes")


def led_scope(user: Any) -> Q | None:
    """The dependants (staff posts, registry entries) in the services the user leads:
    those of an organisation where they lead a team, limited to the membership's
    services when it names any (an entry without a service concerns the whole
    organisation). None when the user leads no team."""
    if not _signed_in(user):
        return None
    scope: Q | None = None
    memberships = user.memberships.filter(role=Role.TEAM_LEAD).prefetch_related("services")
    for membership in memberships:
        services = [service.pk for service in membership.services.all()]
        part = Q(organisation_id=membership.organisation_id)
        if services:
            part &= Q(service__isnull=True) | Q(service_id__in=services)
        scope = part if scope is None else scope | part
    return scope
