"""The read paths of mediation: the ranking's input, the coordinator's and the
mediator's lists."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q, QuerySet

from teilhabe.mediation import matching, services
from teilhabe.mediation.models import Assignment, MediationRequest, Mediator, Status

OPEN_OR_LIVE = (Status.OPEN, Status.ASSIGNED, Status.CONFIRMED)


def need_of(request: MediationRequest) -> matching.Need:
    return matching.Need(
        language=request.language,
        starts=services.starts(request),
        ends=services.ends(request),
        modality=request.modality,
        subject=request.subject,
        gender_wish=request.gender_wish,
        family_reference=request.family_reference,
        district_id=request.district_id,
    )


def candidates_for(request: MediationRequest) -> list[matching.Candidate]:
    """Every active mediator of the request's pool with what the ranking weighs: their
    other live assignments that day, the families they served, this month's count."""
    mediators = list(
        Mediator.objects.filter(organisation_id=request.organisation_id, is_active=True)
    )
    month_start = request.date.replace(day=1)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    # Only what can matter: this month (same day included) and the same family before.
    relevant = Q(request__date__gte=month_start, request__date__lt=next_month)
    if request.family_reference:
        relevant |= Q(
            request__body_id=request.body_id, request__family_reference=request.family_reference
        )
    live = Assignment.objects.filter(relevant, mediator__in=mediators, cancelled_at=None)
    live = live.select_related("request")
    busy: dict[int, list[tuple[datetime.datetime, datetime.datetime]]] = defaultdict(list)
    families: dict[int, set[str]] = defaultdict(set)
    month: dict[int, int] = defaultdict(int)
    for assignment in live.exclude(request=request):
        other = assignment.request
        if other.date == request.date and other.status in OPEN_OR_LIVE:
            busy[assignment.mediator_id].append((services.starts(other), services.ends(other)))
        if other.family_reference and other.body_id == request.body_id:
            families[assignment.mediator_id].add(other.family_reference)
        if other.date.replace(day=1) == month_start:
            month[assignment.mediator_id] += 1
    return [
        matching.Candidate(
            mediator_id=mediator.pk,
            name=str(mediator),
            languages=tuple(mediator.languages),
            modalities=tuple(mediator.modalities),
            subjects=tuple(mediator.subjects),
            gender=mediator.gender,
            district_id=mediator.district_id,
            busy=tuple(busy[mediator.pk]),
            families=frozenset(families[mediator.pk]),
            assignments_this_month=month[mediator.pk],
        )
        for mediator in mediators
    ]


def ranking(request: MediationRequest) -> list[matching.Ranked]:
    return matching.rank(need_of(request), candidates_for(request))


def pending_requests(organisation_ids: list[int]) -> QuerySet[MediationRequest]:
    """Open and assigned requests of the pools, soonest first."""
    return (
        MediationRequest.objects.filter(organisation_id__in=organisation_ids)
        .filter(status__in=OPEN_OR_LIVE)
        .select_related("body")
        .prefetch_related("assignments__mediator")
        .order_by("date", "starts_at", "pk")
    )


def recent_requests(organisation_ids: list[int], limit: int = 50) -> QuerySet[MediationRequest]:
    closed = MediationRequest.objects.filter(organisation_id__in=organisation_ids).exclude(
        status__in=OPEN_OR_LIVE
    )
    return closed.select_related("body").order_by("-date", "-starts_at")[:limit]


def own_assignments(mediators: QuerySet[Mediator]) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(mediator__in=mediators, cancelled_at=None)
        .select_related("request", "request__body")
        .order_by("-request__date", "-request__starts_at")
    )


def open_for(mediators: QuerySet[Mediator], today: datetime.date) -> list[MediationRequest]:
    """Open requests of the mediators' pools, from today on, in a language they can
    take (the same code or a variety of the same macrolanguage)."""
    wanted: dict[int, set[str]] = defaultdict(set)
    for mediator in mediators:
        wanted[mediator.organisation_id] |= {
            matching.language_family(code) for code in mediator.languages
        }
    requests = MediationRequest.objects.filter(
        organisation_id__in=list(wanted), status=Status.OPEN, date__gte=today
    ).select_related("body")
    return [
        request
        for request in requests
        if matching.language_family(request.language) in wanted[request.organisation_id]
    ]
