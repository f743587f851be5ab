"""Who sees and who records what in the plan: the one place where it is decided.

- The integration coordinator keeps the plan (`planning.keep_plan`): concepts, fields,
  goals, measures, indicators; and records progress of every measure.
- The statistics office reads the whole plan (`planning.view_plan`).
- A provider's team lead, programme or volunteer coordinator (`planning.record_progress`)
  sees the measures their organisation leads or is a partner in, and adds progress
  entries to those it leads. "Their organisation" is an organisation of one of those
  memberships; it leads a measure when the measure's lead actor is its network actor
  (`network.Actor.organisation`).

A measure the user may not see is a 404 (its existence is not revealed); a seen measure
the user may not record progress on is a 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.planning.models import Measure

PROVIDER_ROLES = (Role.TEAM_LEAD, Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def keeps_plan(user: Any) -> bool:
    return _signed_in(user) and user.has_perm("planning.keep_plan")


def reads_whole_plan(user: Any) -> bool:
    return _signed_in(user) and user.has_perm("planning.view_plan")


def provider_organisation_ids(user: Any) -> list[int]:
    """The organisations for which the user records the progress of measures."""
    if not _signed_in(user) or not user.has_perm("planning.record_progress"):
        return []
    roles = [*PROVIDER_ROLES, Role.INTEGRATION_COORDINATOR]
    return list(user.memberships.filter(role__in=roles).values_list("organisation_id", flat=True))


def led_measures(user: Any) -> QuerySet[Measure]:
    """Measures whose lead actor is an organisation of the user's provider memberships."""
    return Measure.objects.filter(lead__organisation_id__in=provider_organisation_ids(user))


def visible_measures(user: Any) -> QuerySet[Measure]:
    if reads_whole_plan(user):
        return Measure.objects.all()
    organisations = provider_organisation_ids(user)
    if not organisations:
        return Measure.objects.none()
    partner = Measure.partners.through.objects.filter(actor__organisation_id__in=organisations)
    return Measure.objects.filter(
        Q(lead__organisation_id__in=organisations) | Q(pk__in=partner.values("measure_id"))
    )


def recordable_measures(user: Any) -> QuerySet[Measure]:
    """Measures the user may add progress entries to."""
    if keeps_plan(user):
        return Measure.objects.all()
    return led_measures(user)


def visible_measure_or_404(user: Any, pk: int) -> Measure:
    found = visible_measures(user).select_related("concept", "lead", "funding").filter(pk=pk)
    measure = found.first()
    if measure is None:
        raise Http404
    return measure


def recordable_measure_or_404(user: Any, pk: int) -> Measure:
    """The measure for a progress entry: 404 when unseen, 403 when seen but not led."""
    measure = visible_measure_or_404(user, pk)
    if not recordable_measures(user).filter(pk=measure.pk).exists():
        raise PermissionDenied
    return measure


def can_record(user: Any, measure: Measure) -> bool:
    return recordable_measures(user).filter(pk=measure.pk).exists()
