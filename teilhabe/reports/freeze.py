"""Closed years: a team lead closes a year for their organisation and services, and from
then on its report shows the figures stored at closing, even after the deletion periods
have removed the cases they were computed from.

`figures_for(scope, year)` is the one call for every place that shows a report (page,
exports, CLI): it has the signature of `figures.annual_figures` and returns the stored
figures of a closed year, the computed ones otherwise — with the previous year's figures
taken from its closed report where there is one.

A closed report belongs to one organisation, one set of services and one set of case
kinds, exactly as chosen when closing; a scope over several organisations is always
computed. Reopening keeps the row (who, when, why; recorded in the audit log) and makes
the year computed again.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.roles import Role
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.reports import statistics
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.models import FrozenReport


class ClosingRefused(Exception):
    """A year cannot be closed or reopened; the message says why (for the user)."""


def codes(values: tuple[str, ...] | list[str]) -> str:
    """Service or kind codes as stored: sorted, without repeats, comma-separated."""
    return ",".join(sorted(set(values)))


def _stored(scope: Scope, year: int) -> FrozenReport | None:
    if len(scope.organisation_ids) != 1:
        return None
    return FrozenReport.objects.filter(
        organisation_id=scope.organisation_ids[0],
        services=codes(scope.services),
        kinds=codes(scope.kinds),
        year=year,
        reopened_at__isnull=True,
    ).first()


def frozen_report(scope: Scope, year: int) -> FrozenReport | None:
    """The closed report of exactly this scope and year, if the year is closed."""
    return _stored(scope, year)


def figures_for(scope: Scope, year: int, *, with_previous: bool = True) -> dict[str, Any]:
    """The annual figures as `annual_figures` returns them — stored ones for a closed year."""
    report = _stored(scope, year)
    if report is not None:
        figures = report.figures
        if not with_previous:
            figures.pop("vorjahr", None)
        return figures
    figures = annual_figures(scope, year, with_previous=False)
    if with_previous:
        figures["vorjahr"] = figures_for(scope, year - 1, with_previous=False)
    return figures


def is_year_closed(case: Any, year: int) -> bool:
    """Whether a closed report of the case's organisation for `year` covers the case's
    service and kind: then an entry into that year is an entry into a closed year
    (casework/plausibility.py, registered in apps.py)."""
    reports = FrozenReport.objects.filter(
        organisation_id=case.organisation_id, year=year, reopened_at__isnull=True
    ).values_list("services", "kinds")
    code = case.service.code
    return any(
        code in services.split(",") and (not kinds or case.kind in kinds.split(","))
        for services, kinds in reports
    )


def led_services(user: Any) -> dict[int, set[str]]:
    """organisation id -> the case services the user leads there as team lead (a
    membership without services means every service the organisation offers)."""
    led: dict[int, set[str]] = {}
    memberships = user.memberships.filter(role=Role.TEAM_LEAD).select_related("organisation")
    for membership in memberships.prefetch_related("services"):
        chosen = {service.code for service in membership.services.all()}
        offered = set(membership.organisation.services.values_list("code", flat=True))
        codes_led = (chosen or offered) & set(CASE_SERVICES)
        led.setdefault(membership.organisation_id, set()).update(codes_led)
    return led


def may_close(
    led: dict[int, set[str]], organisation_id: int, services: list[str] | tuple[str, ...]
) -> bool:
    """Only a team lead of the organisation (`led`: `led_services(user)`), and only for
    services they lead."""
    return bool(services) and set(services) <= led.get(organisation_id, set())


def closable_years(today: datetime.date | None = None, back: int = 10) -> list[int]:
    """Years that have ended, newest first."""
    today = today or timezone.localdate()
    return list(range(today.year - 1, today.year - 1 - back, -1))


@transaction.atomic
def close_year(
    scope: Scope, year: int, user: Any, today: datetime.date | None = None
) -> FrozenReport:
    """Computes the year's figures now and stores them. The previous year inside them
    comes from its own closed report where there is one."""
    if len(scope.organisation_ids) != 1:
        raise ClosingRefused(_("A year is closed for one organisation at a time."))
    if year > (today or timezone.localdate()).year - 1:
        raise ClosingRefused(_("Only a year that has ended can be closed."))
    if _stored(scope, year) is not None:
        raise ClosingRefused(_("This year is already closed for these services."))
    figures = annual_figures(scope, year, with_previous=False)
    figures["vorjahr"] = figures_for(scope, year - 1, with_previous=False)
    organisation_id = scope.organisation_ids[0]
    city_counts = None
    if not scope.kinds:  # the city-wide tables count every kind of case
        counted = statistics.count(year, (organisation_id,), tuple(scope.services))
        city_counts = {service: counts for (_org, service), counts in counted.items()}
    try:
        with transaction.atomic():
            return FrozenReport.objects.create(
                organisation_id=organisation_id,
                services=codes(scope.services),
                kinds=codes(scope.kinds),
                year=year,
                figures_json=json.dumps(figures, ensure_ascii=False),
                city_counts=city_counts,
                frozen_by=user,
            )
    except IntegrityError as error:  # closed at the same moment by someone else
        raise ClosingRefused(_("This year is already closed for these services.")) from error


def reopen_year(report: FrozenReport, user: Any, reason: str) -> None:
    """The year is computed from the cases again; the stored figures stay in the row and
    the audit log records who reopened it and why."""
    if report.reopened_at is not None:
        raise ClosingRefused(_("This year has already been reopened."))
    if not reason.strip():
        raise ClosingRefused(_("Please give a reason."))
    report.reopened_at = timezone.now()
    report.reopened_by = user
    report.reopen_reason = reason.strip()
    report.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])


def visible_reports(user: Any) -> list[FrozenReport]:
    """Closed (and reopened) years of the organisations and services the user leads."""
    led = led_services(user)
    reports = FrozenReport.objects.filter(organisation_id__in=led).select_related(
        "organisation", "frozen_by", "reopened_by"
    )
    return [r for r in reports if set(r.service_codes) <= led.get(r.organisation_id, set())]
