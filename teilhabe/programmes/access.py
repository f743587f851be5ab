"""Who sees which programme: the one place where programme access is decided.

- A programme coordinator manages the programmes of their organisation (limited to
  the services of the membership, if it names any): families, home visits, ends.
- A team lead of the organisation reads them (same service limit), changes nothing.
- Nobody sees another organisation's programmes; counsellors, volunteer coordinators,
  the integration coordinator and the statistics office see none (the view
  permissions in accounts/rules.py already keep them out; the scope here is empty for
  them as well).

An object outside the scope is a 404, not a 403: its existence is not revealed.

Finding a known family to enrol (`findable_family_persons`) names only persons whose
record does not reveal counselling the coordinator may not see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.casework.access import visible_among
from teilhabe.casework.models import Case
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


def findable_family_persons(user: Any, persons: list[Any]) -> set[int]:
    """Which of `persons` (one organisation's search result) the user may find to
    enrol: those the user may see in casework; members of a household enrolled in a
    programme the user sees; and persons in no case whose household holds nobody in a
    case the user may not open. Anyone else would tell the coordinator that a family
    is in counselling elsewhere in the organisation (special-category data)."""
    ids = [person.pk for person in persons]
    households = {person.household_id for person in persons if person.household_id}
    # Everyone found or in their households who takes part in a case (client or
    # co-counselled), with their household.
    cases = Case.objects.filter(Q(client_id__in=ids) | Q(client__household_id__in=households))
    involved: dict[int, int | None] = dict(cases.values_list("client_id", "client__household_id"))
    links = Case.co_counselled.through.objects.filter(
        Q(person_id__in=ids) | Q(person__household_id__in=households)
    )
    involved.update(links.values_list("person_id", "person__household_id"))
    seen = visible_among(user, sorted(set(ids) | set(involved)))
    hidden_households = {
        household
        for person_id, household in involved.items()
        if person_id not in seen and household is not None
    }
    enrolled = set(
        Enrolment.objects.filter(
            programme__in=visible_programmes(user), household_id__in=households
        ).values_list("household_id", flat=True)
    )
    return {
        person.pk
        for person in persons
        if person.pk in seen
        or person.household_id in enrolled
        or (person.pk not in involved and person.household_id not in hidden_households)
    }
