"""The reads of the counsellor's work list (start page): the user's open cases with the
last contact, hand-overs in and out, and a team lead's load per service.

Every case is read through `access.visible_cases`, incoming hand-overs through
`handover.inbox` (the same scope as the inbox page). Each function runs a fixed number
of queries, whatever the number of cases: the last contact is a subquery per row and
the team load one grouped query.

"Last contact" is the date of the latest session that was not cancelled (a cancelled
session stays in the record but was no contact). A case is "without contact for 90
days" when it was opened at least CONTACT_GAP_DAYS days ago and has no such session
dated after that day: a case opened last week is new, not neglected.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.casework import handover
from teilhabe.casework.access import visible_cases
from teilhabe.casework.models import Case, Referral, Session

CONTACT_GAP_DAYS = 90
# How long a decided or ended hand-over stays on the sender's list.
OUTGOING_DAYS = 30


def contact_threshold(today: datetime.date) -> datetime.date:
    """The last day that, as last contact (or opening), leaves a case without contact."""
    return today - datetime.timedelta(days=CONTACT_GAP_DAYS)


def _contacts() -> QuerySet[Session]:
    return Session.objects.filter(cancelled_at__isnull=True)


def _no_recent_contact(today: datetime.date) -> Q:
    threshold = contact_threshold(today)
    recent = _contacts().filter(case=OuterRef("pk"), date__gt=threshold)
    return Q(opened_on__lte=threshold) & ~Q(Exists(recent))


def my_open_cases(user: Any, today: datetime.date, limit: int) -> tuple[list[Case], int]:
    """The user's open cases (responsible or shared by name) that the user may see, the
    longest without contact first (never contacted before all others), and their
    number. Each case carries `last_contact` (a date or None) and `no_recent_contact`."""
    shared = Case.shared_with.through.objects.filter(user=user).values("case_id")
    cases = visible_cases(user).filter(
        Q(responsible=user) | Q(pk__in=shared), closed_on__isnull=True
    )
    last = _contacts().filter(case=OuterRef("pk")).order_by("-date").values("date")[:1]
    rows: list[Case] = list(
        cases.select_related("client", "service")
        .annotate(last_contact=Subquery(last))
        .order_by(F("last_contact").asc(nulls_first=True), "opened_on", "pk")[:limit]
    )
    threshold = contact_threshold(today)
    for case in rows:
        # the gap runs from the later of the opening and the last contact
        latest = max(case.opened_on, getattr(case, "last_contact", None) or case.opened_on)
        case.no_recent_contact = latest <= threshold  # type: ignore[attr-defined]
    total = len(rows) if len(rows) < limit else cases.count()
    return rows, total


def incoming_handovers(user: Any, limit: int) -> tuple[list[Referral], int]:
    """Hand-overs proposed to a service where the user works with cases, waiting for a
    decision, oldest first, and their number."""
    waiting = handover.inbox(user)
    rows = list(waiting.order_by("created_at", "pk")[:limit])
    total = len(rows) if len(rows) < limit else waiting.count()
    return rows, total


def outgoing_handovers(user: Any, today: datetime.date, limit: int) -> list[Referral]:
    """The hand-overs the user proposed from a case the user still sees: those waiting,
    and those decided or ended in the last OUTGOING_DAYS days, newest first. Each
    carries `state_on`: the day it was proposed, decided or ended."""
    since = today - datetime.timedelta(days=OUTGOING_DAYS)
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    referrals = (
        Referral.objects.filter(created_by=user, source_case__in=visible_cases(user))
        .filter(
            Q(status=Referral.Status.PROPOSED)
            | Q(decided_at__gte=start)
            | Q(status=Referral.Status.ENDED, consent__withdrawn_on__gte=since)
        )
        .select_related(
            "source_case__client",
            "source_case__service",
            "consent__recipient",
            "consent__recipient_service",
        )
        .order_by("-created_at", "-pk")
    )
    rows = list(referrals[:limit])
    for referral in rows:
        referral.state_on = _state_on(referral)  # type: ignore[attr-defined]
    return rows


def _state_on(referral: Referral) -> datetime.date:
    if referral.status == Referral.Status.ENDED and referral.consent.withdrawn_on:
        return referral.consent.withdrawn_on
    moment = referral.decided_at or referral.created_at
    return timezone.localdate(moment)


@dataclass
class CounsellorLoad:
    name: str  # empty: the cases nobody is responsible for
    open_cases: int
    without_contact: int


@dataclass
class ServiceLoad:
    organisation: str
    service_code: str
    service_name: str
    counsellors: list[CounsellorLoad] = field(default_factory=list)

    @property
    def open_cases(self) -> int:
        return sum(row.open_cases for row in self.counsellors)

    @property
    def without_contact(self) -> int:
        return sum(row.without_contact for row in self.counsellors)


def _led_services(user: Any) -> dict[tuple[int, int], tuple[str, Any]]:
    """(organisation id, service id) -> (organisation name, service) for the counselling
    services the user leads a team in (a membership without services: every one the
    organisation offers). Three queries, however many memberships."""
    memberships = (
        user.memberships.filter(role=Role.TEAM_LEAD)
        .select_related("organisation")
        .prefetch_related("services", "organisation__services")
    )
    led: dict[tuple[int, int], tuple[str, Any]] = {}
    for membership in memberships:
        chosen = list(membership.services.all()) or list(membership.organisation.services.all())
        for service in chosen:
            if not service.is_programme:
                led[(membership.organisation_id, service.pk)] = (
                    membership.organisation.name,
                    service,
                )
    return led


def team_load(user: Any, today: datetime.date) -> list[ServiceLoad]:
    """Per service the user leads: the open cases per responsible counsellor and how
    many of them are without contact for CONTACT_GAP_DAYS days, in one grouped query."""
    led = _led_services(user)
    if not led:
        return []
    scope = Q(pk__in=[])
    for organisation_id, service_id in led:
        scope |= Q(organisation_id=organisation_id, service_id=service_id)
    rows = (
        visible_cases(user)
        .filter(scope, closed_on__isnull=True)
        .values(
            "organisation_id",
            "service_id",
            "responsible_id",
            "responsible__first_name",
            "responsible__last_name",
            "responsible__username",
        )
        .annotate(
            open_cases=Count("pk"),
            without_contact=Count("pk", filter=_no_recent_contact(today)),
        )
        .order_by()
    )
    loads = {
        key: ServiceLoad(organisation, service.code, service.name)
        for key, (organisation, service) in led.items()
    }
    for row in rows:
        name = ""
        if row["responsible_id"] is not None:
            full = f"{row['responsible__first_name']} {row['responsible__last_name']}".strip()
            name = full or row["responsible__username"]
        loads[(row["organisation_id"], row["service_id"])].counsellors.append(
            CounsellorLoad(name, row["open_cases"], row["without_contact"])
        )
    for load in loads.values():
        # by name, and the cases without a responsible counsellor last
        load.counsellors.sort(key=lambda row: (row.name == "", row.name.casefold()))
    return sorted(loads.values(), key=lambda load: (load.organisation, load.service_code))
