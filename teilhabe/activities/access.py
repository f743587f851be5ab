"""Which organisations a user may act for in the activities module.

Groups, events and the calendar carry no case data, so the scope is the organisation
of the membership (a membership limited to some services still covers the
organisation's groups: the limitation is about cases). Records of another
organisation are a 404, as in casework.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.organisations.models import Organisation

GROUP_ROLES = (Role.PROGRAMME_COORDINATOR, Role.TEAM_LEAD)
VOLUNTEER_ROLES = (Role.VOLUNTEER_COORDINATOR, Role.TEAM_LEAD)
CALENDAR_ROLES = (
    Role.COUNSELLOR,
    Role.TEAM_LEAD,
    Role.PROGRAMME_COORDINATOR,
    Role.VOLUNTEER_COORDINATOR,
    Role.MEDIATOR,
)

M = TypeVar("M", bound=Model)


def organisations_for(user: Any, roles: tuple[Role, ...]) -> QuerySet[Organisation]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=roles, is_active=True
    ).distinct()


def organisation_ids(user: Any, roles: tuple[Role, ...]) -> list[int]:
    return list(organisations_for(user, roles).values_list("pk", flat=True))


def scoped_or_404(queryset: QuerySet[M], user: Any, roles: tuple[Role, ...], **lookup: Any) -> M:
    """The record if it belongs to one of the user's organisations for `roles`."""
    found = queryset.filter(organisation_id__in=organisation_ids(user, roles), **lookup).first()
    if found is None:
        raise Http404
    return found


def organisation_or_404(user: Any, slug: str, roles: tuple[Role, ...]) -> Organisation:
    organisation = organisations_for(user, roles).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation
