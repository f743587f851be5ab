"""Who sees which case: the one place where casework access is decided.

- A counsellor sees the cases of their services at their organisation that are theirs
  (responsible) or shared with them by name.
- A team lead sees every case of their services at their organisation.
- Nobody sees another organisation's cases; a consented hand-over creates a case at
  the recipient, and a withdrawn consent hides that case from the recipient again.
- Coordination and statistics roles see no case at all (aggregates only).

A membership without services means every service of the organisation.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case, Person

CASE_ROLES = (Role.COUNSELLOR, Role.TEAM_LEAD)


def _scope(membership: Any) -> Q:
    services = [service.pk for service in membership.services.all()]
    scope = Q(organisation_id=membership.organisation_id)
    if services:
        scope &= Q(service_id__in=services)
    return scope


def visible_cases(user: Any) -> QuerySet[Case]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Case.objects.none()
    condition = Q(pk__in=[])
    memberships = user.memberships.filter(role__in=CASE_ROLES).prefetch_related("services")
    for membership in memberships:
        scope = _scope(membership)
        if membership.role == Role.COUNSELLOR:
            scope &= Q(responsible=user) | Q(shared_with=user)
        condition |= scope
    withdrawn = Q(referral_in__consent__withdrawn_on__isnull=False)
    return Case.objects.filter(condition).exclude(withdrawn).distinct()


def visible_persons(user: Any) -> QuerySet[Person]:
    cases = visible_cases(user)
    return Person.objects.filter(Q(cases__in=cases) | Q(co_counselled_in__in=cases)).distinct()


def can_open_cases_at(user: Any) -> list[Any]:
    """The memberships through which the user may open new cases."""
    return list(user.memberships.filter(role__in=CASE_ROLES).select_related("organisation"))


def is_team_lead_of(user: Any, case: Case) -> bool:
    for membership in user.memberships.filter(role=Role.TEAM_LEAD).prefetch_related("services"):
        if Case.objects.filter(_scope(membership), pk=case.pk).exists():
            return True
    return False
