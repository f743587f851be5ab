"""Clearing to case management: who sees a clearing, the write paths and the figures.

Access follows casework (`casework/access.py`, `casework/handover.py`), never a rule
of its own: the sending side sees a clearing while it may open the source case (the
QM counsellor responsible or sharing it, the team lead of the service); the receiving
side while the hand-over waits in its inbox (the KIM case managers of the recipient
service), once accepted while it may open the new case, and once returned the case
manager who returned it. A withdrawn consent takes the clearing from the recipient as
it takes the case. Nobody else sees it, so
no name leaves the two services concerned.

Figures count clearings by the day they were recorded; time to decision runs from
recording to the case manager's decision, in days.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.casework import handover
from teilhabe.casework.access import visible_cases
from teilhabe.casework.models import Case, Referral
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion, ClearingStatus

# Case management is for several problems at once: fewer life areas are no clearing.
MIN_CRITERIA = 2


def visible_clearings(user: Any) -> QuerySet[Clearing]:
    cases = visible_cases(user)
    inbox = handover.inbox(user).values("pk")
    condition = (
        Q(referral__source_case__in=cases)
        | Q(referral__in=inbox)
        | Q(referral__target_case__in=cases)
        # the case manager who returned it keeps it in their list (and figures), as
        # long as the consent stands
        | Q(decided_by=user, referral__consent__withdrawn_on__isnull=True)
    )
    return Clearing.objects.filter(condition).select_related(
        "referral__source_case__client",
        "referral__source_case__service",
        "referral__source_case__organisation",
        "referral__consent__recipient",
        "referral__consent__recipient_service",
        "mediator",
    )


def clearing_or_404(user: Any, pk: int) -> Clearing:
    clearing = visible_clearings(user).filter(pk=pk).first()
    if clearing is None:
        raise Http404
    return clearing


def can_decide(user: Any, clearing: Clearing) -> bool:
    """The receiving case managers decide while the hand-over waits in their inbox."""
    if clearing.status != ClearingStatus.OPEN:
        return False
    return handover.inbox(user).filter(pk=clearing.referral_id).exists()


def open_referrals(user: Any) -> QuerySet[Referral]:
    """The proposed clearing hand-overs of the user's cases that have no clearing yet."""
    return Referral.objects.filter(
        kind=Referral.Kind.CLEARING,
        status=Referral.Status.PROPOSED,
        consent__withdrawn_on__isnull=True,
        source_case__in=visible_cases(user),
        clearing__isnull=True,
    ).select_related("source_case__client", "source_case__service", "consent__recipient")


@transaction.atomic
def record(
    referral: Referral,
    *,
    criteria: Iterable[ClearingCriterion],
    assessment: str,
    mediator: Any,
    user: Any,
) -> Clearing:
    chosen = list(criteria)
    if len(chosen) < MIN_CRITERIA:
        raise ValidationError(
            _("Case management needs problems in at least %(count)s life areas.")
            % {"count": MIN_CRITERIA}
        )
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if current.kind != Referral.Kind.CLEARING or current.status != Referral.Status.PROPOSED:
        raise ValidationError(_("The hand-over is no proposed clearing."))
    if Clearing.objects.filter(referral=current).exists():
        raise ValidationError(_("This hand-over already has a clearing."))
    if mediator is not None and not mediator.is_active:
        raise ValidationError(_("The mediator is no longer active."))
    clearing = Clearing.objects.create(
        referral=current, assessment=assessment.strip(), mediator=mediator, recorded_by=user
    )
    clearing.criteria.set(chosen)
    return clearing


def _locked(clearing: Clearing) -> Clearing:
    current = Clearing.objects.select_for_update().get(pk=clearing.pk)
    if current.status != ClearingStatus.OPEN:
        raise ValidationError(_("The clearing has already been decided."))
    return current


@transaction.atomic
def accept(clearing: Clearing, *, user: Any) -> Case:
    """Into case management: casework's hand-over opens the case at the recipient."""
    current = _locked(clearing)
    try:
        case = handover.accept(current.referral, user=user)
    except handover.HandoverRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    current.status, current.decided_at, current.decided_by = (
        ClearingStatus.ACCEPTED,
        timezone.now(),
        user,
    )
    current.save(update_fields=["status", "decided_at", "decided_by"])
    return case


@transaction.atomic
def give_back(clearing: Clearing, *, recommendation: str, user: Any) -> None:
    """Returned: no case management; the recommendation says what would help instead."""
    text = recommendation.strip()
    if not text:
        raise ValidationError(_("Please give a recommendation when returning a clearing."))
    current = _locked(clearing)
    try:
        handover.decline(current.referral)
    except handover.HandoverRefused as refusal:
        raise ValidationError(str(refusal)) from refusal
    current.status, current.decided_at, current.decided_by = (
        ClearingStatus.RETURNED,
        timezone.now(),
        user,
    )
    current.recommendation = text
    current.save(update_fields=["status", "decided_at", "decided_by", "recommendation"])


@dataclass(frozen=True)
class ClearingFigures:
    clearings: int
    accepted: int
    returned: int
    open: int
    median_days: float | None
    mean_days: float | None


def tally(
    items: Iterable[tuple[str, datetime.datetime, datetime.datetime | None]],
) -> ClearingFigures:
    """(status, recorded at, decided at) → the figures; days as fractions of a day."""
    rows = list(items)
    days = [
        (decided - recorded).total_seconds() / 86400
        for _status, recorded, decided in rows
        if decided is not None
    ]
    count = {status: sum(1 for row in rows if row[0] == status) for status in ClearingStatus}
    return ClearingFigures(
        clearings=len(rows),
        accepted=count[ClearingStatus.ACCEPTED],
        returned=count[ClearingStatus.RETURNED],
        open=count[ClearingStatus.OPEN],
        median_days=statistics.median(days) if days else None,
        mean_days=statistics.fmean(days) if days else None,
    )


# A hand-over decided in casework's inbox instead of on the clearing's page.
DECIDED_IN_CASEWORK: dict[str, str] = {
    Referral.Status.ACCEPTED: ClearingStatus.ACCEPTED,
    Referral.Status.DECLINED: ClearingStatus.RETURNED,
}


def figures(clearings: QuerySet[Clearing], year: int) -> ClearingFigures:
    """The figures of the clearings recorded in `year`. A clearing whose hand-over the
    case manager accepted or declined in casework's inbox counts as decided then."""
    rows = clearings.filter(recorded_at__year=year).values_list(
        "status", "recorded_at", "decided_at", "referral__status", "referral__decided_at"
    )
    facts = []
    for status, recorded, decided, referral_status, referral_decided in rows:
        if status == ClearingStatus.OPEN and referral_status in DECIDED_IN_CASEWORK:
            status, decided = DECIDED_IN_CASEWORK[referral_status], referral_decided
        facts.append((status, recorded, decided))
    return tally(facts)
