"""Which annual reports a user may request: the organisations where they are team lead,
and there the services their membership covers (none named: every counselling
service the organisation offers)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from teilhabe.accounts.roles import Role
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.organisations.models import Organisation, Service


@dataclass(frozen=True)
class ReportOption:
    organisation: Organisation
    services: tuple[Service, ...]


def report_options(user: Any, *, with_casework_only: bool = True) -> dict[str, ReportOption]:
    """organisation slug -> what the user may report on there, in the order of names.
    The organisation report (`with_casework_only=False`) also lists organisations
    where the team leads no counselling service: programmes, groups, network."""
    options: dict[str, ReportOption] = {}
    memberships = (
        user.memberships.filter(role=Role.TEAM_LEAD, organisation__is_active=True)
        .select_related("organisation")
        .prefetch_related("services", "organisation__services")
        .order_by("organisation__name")
    )
    for membership in memberships:
        chosen = list(membership.services.all())
        services = chosen or list(membership.organisation.services.all())
        covered = tuple(service for service in services if service.code in CASE_SERVICES)
        if covered or not with_casework_only:
            options[membership.organisation.slug] = ReportOption(
                membership.organisation, tuple(sorted(covered, key=lambda s: s.code))
            )
    return options
