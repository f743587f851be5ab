"""Who sees and who records what in the network: the one place where it is decided.

- The actor directory (actors and their contact persons) is open to everyone with
  `network.view_actors`; it is kept by the city (`network.manage_actors`).
- The city's integration coordinator and the administrator see the whole network
  (`organisations.view_network`) and record in every body and agreement.
- A provider's team lead, programme or volunteer coordinator sees the bodies their
  organisation convenes or has a seat in, and the agreements it is a party to; they
  record meetings of the bodies their organisation convenes, chairs or keeps the
  minutes for, and keep the agreements their organisation is a party to.
- Statistics and data protection see none of it; counsellors only the directory.

Network data is not case data; it names partners' staff, so it stays within the
roles that work with partners. An object the user may not see is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.network.models import Agreement, Body, BodyMembership, Decision, Meeting

NETWORK_ROLES = (
    Role.TEAM_LEAD,
    Role.PROGRAMME_COORDINATOR,
    Role.VOLUNTEER_COORDINATOR,
    Role.INTEGRATION_COORDINATOR,
    Role.ADMINISTRATOR,
)
# Seats in a body whose holders keep its records.
RECORDING_FUNCTIONS = (BodyMembership.Function.CHAIR, BodyMembership.Function.SECRETARY)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def sees_whole_network(user: Any) -> bool:
    return _signed_in(user) and user.has_perm("organisations.view_network")


def network_organisation_ids(user: Any) -> list[int]:
    """The organisations for which the user takes part in the network."""
    if not _signed_in(user) or not user.has_perm("network.take_part"):
        return []
    return list(
        user.memberships.filter(role__in=NETWORK_ROLES).values_list("organisation_id", flat=True)
    )


def visible_bodies(user: Any) -> QuerySet[Body]:
    if not _signed_in(user) or not user.has_perm("network.take_part"):
        return Body.objects.none()
    if sees_whole_network(user):
        return Body.objects.all()
    organisations = network_organisation_ids(user)
    seats = BodyMembership.objects.filter(actor__organisation_id__in=organisations)
    return Body.objects.filter(Q(owner_id__in=organisations) | Q(pk__in=seats.values("body_id")))


def recordable_bodies(user: Any) -> QuerySet[Body]:
    """Bodies whose members, meetings, minutes and decisions the user may record."""
    if sees_whole_network(user):
        return Body.objects.all()
    organisations = network_organisation_ids(user)
    seats = BodyMembership.objects.filter(
        actor__organisation_id__in=organisations, function__in=RECORDING_FUNCTIONS
    )
    return Body.objects.filter(Q(owner_id__in=organisations) | Q(pk__in=seats.values("body_id")))


def visible_meetings(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body__in=visible_bodies(user))


def visible_decisions(user: Any) -> QuerySet[Decision]:
    return Decision.objects.filter(meeting__body__in=visible_bodies(user))


def can_record_in(user: Any, body: Body) -> bool:
    return recordable_bodies(user).filter(pk=body.pk).exists()


def visible_agreements(user: Any) -> QuerySet[Agreement]:
    if not _signed_in(user) or not user.has_perm("network.take_part"):
        return Agreement.objects.none()
    if sees_whole_network(user):
        return Agreement.objects.all()
    return editable_agreements(user)


def editable_agreements(user: Any) -> QuerySet[Agreement]:
    if sees_whole_network(user):
        return Agreement.objects.all()
    organisations = network_organisation_ids(user)
    parties = Agreement.parties.through.objects.filter(actor__organisation_id__in=organisations)
    return Agreement.objects.filter(pk__in=parties.values("agreement_id"))


def get_visible(queryset: QuerySet[Any], pk: int) -> Any:
    """The object, or a 404 that does not tell whether it exists."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found
