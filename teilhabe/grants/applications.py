"""The write paths of applications: the applicant's draft and submission (by link,
without an account), documents, and staff's completeness check, assessment, agenda
and the grant committed on a positive decision.

The status history is only ever added to (`StatusChange.save` refuses updates); every
change of `Application.status` goes through `_move`.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.documents import storage
from teilhabe.funding import services as funding
from teilhabe.funding.models import Fund
from teilhabe.grants import services as boards
from teilhabe.grants.amounts import euro
from teilhabe.grants.application_models import (
    Application,
    ApplicationDocument,
    Assessment,
    CostLine,
    Grant,
    Status,
    StatusChange,
)
from teilhabe.grants.models import ItemDecision
from teilhabe.network.models import AgendaItem, Meeting

EDITABLE = (Status.DRAFT, Status.INCOMPLETE)
DOCUMENT_TYPES = (storage.PDF,)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def by_token(token: str) -> Application | None:
    """The application the link opens; None for any other text (a 404 to the caller)."""
    if not 20 <= len(token) <= 100:
        return None
    return Application.objects.filter(token_hash=hash_token(token)).first()


def _move(application: Application, status: str, user: Any, note: str = "") -> None:
    application.status = status
    application.save(update_fields=["status", "submitted_at"])
    StatusChange.objects.create(application=application, status=status, by=user, note=note)


@transaction.atomic
def start(
    fund: Fund, year: int, fields: dict[str, Any], lines: Sequence[tuple[str, Decimal]]
) -> tuple[Application, str]:
    """Creates a draft; returns it with the link's token, shown once and kept only hashed."""
    token = secrets.token_urlsafe(32)
    application = Application(fund=fund, year=year, token_hash=hash_token(token), **fields)
    application.full_clean(exclude=["token_hash"])
    application.save()
    _replace_lines(application, lines)
    StatusChange.objects.create(application=application, status=Status.DRAFT)
    return application, token


def _replace_lines(application: Application, lines: Sequence[tuple[str, Decimal]]) -> None:
    application.costs.all().delete()
    CostLine.objects.bulk_create(
        CostLine(application=application, position=n, label=label, amount=amount)
        for n, (label, amount) in enumerate(lines, start=1)
    )


@transaction.atomic
def save_draft(
    application: Application, fields: dict[str, Any], lines: Sequence[tuple[str, Decimal]]
) -> Application:
    if application.status not in EDITABLE:
        raise ValidationError(_("The application has been submitted and can no longer be changed."))
    for name, value in fields.items():
        setattr(application, name, value)
    application.full_clean(exclude=["token_hash"])
    application.save()
    _replace_lines(application, lines)
    return application


def balance_problem(
    lines: Iterable[tuple[str, Decimal]], own: Decimal, requested: Decimal
) -> str | None:
    """Why the finance plan does not balance (costs = own contribution + requested)."""
    costs = sum((amount for _label, amount in lines), Decimal(0))
    if costs == 0:
        return _("Enter at least one cost item.")
    if costs != own + requested:
        return _(
            "The finance plan does not balance: the costs come to %(costs)s, own contribution "
            "and amount requested to %(financed)s."
        ) % {"costs": euro(costs), "financed": euro(own + requested)}
    return None


@transaction.atomic
def submit(application: Application) -> Application:
    if application.status not in EDITABLE:
        raise ValidationError(_("The application has been submitted already."))
    lines = [(line.label, line.amount) for line in application.costs.all()]
    problem = balance_problem(lines, application.own_contribution, application.requested)
    if problem:
        raise ValidationError(problem)
    if application.measure_id is None and application.field_of_action_id is None:
        raise ValidationError(_("Name the measure or the field of action the project serves."))
    application.submitted_at = timezone.now()
    _move(application, Status.SUBMITTED, None)
    return application


def add_document(application: Application, name: str, stream: IO[bytes]) -> ApplicationDocument:
    """Stores a PDF of the application; the type is decided by the content."""
    if application.status not in EDITABLE:
        raise ValidationError(_("The application has been submitted and can no longer be changed."))
    limit = int(settings.DOCUMENT_MAX_UPLOAD)
    try:
        stored = storage.store(iter(lambda: stream.read(64 * 1024), b""), limit)
    except storage.TooLarge:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
        ) from None
    content_type = storage.sniff(stored.head)
    if content_type not in DOCUMENT_TYPES:
        storage.remove(stored.file_id)
        raise ValidationError(_("The file is not a PDF. Please upload documents as PDF."))
    return ApplicationDocument.objects.create(
        application=application,
        file_id=stored.file_id,
        name=name[:200],
        content_type=content_type,
        size=stored.size,
        sha256=stored.sha256,
    )


def check_completeness(application: Application, user: Any, complete: bool, note: str) -> None:
    if application.status not in (Status.SUBMITTED, Status.INCOMPLETE):
        raise ValidationError(_("Only a submitted application can be checked."))
    _move(application, Status.COMPLETE if complete else Status.INCOMPLETE, user, note)


def assess(application: Application, user: Any, **fields: Any) -> Assessment:
    if application.status not in (Status.COMPLETE, Status.ASSESSED):
        raise ValidationError(_("Only a complete application can be assessed."))
    assessment = Assessment(application=application, by=user, **fields)
    assessment.full_clean()
    assessment.save()
    _move(application, Status.ASSESSED, user)
    return assessment


@transaction.atomic
def put_on_agenda(application: Application, meeting: Meeting, user: Any) -> AgendaItem:
    if application.status != Status.ASSESSED:
        raise ValidationError(_("Only an assessed application can be put on the agenda."))
    last = meeting.agenda_items.order_by("-position").first()
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=(last.position + 1) if last else 1,
        title=_("Application: %(title)s") % {"title": application.title[:250]},
    )
    boards.set_applicant(item, application.applicant_actor)
    application.agenda_item = item
    application.save(update_fields=["agenda_item"])
    _move(application, Status.ON_AGENDA, user)
    return item


@transaction.atomic
def apply_decision(application: Application, user: Any, day: datetime.date) -> Grant | None:
    """Carries the board's decision over: adopted -> a grant committed against the fund
    (refused when the free budget is short, `funding.services.BudgetExceeded`)."""
    decision = ItemDecision.objects.filter(agenda_item_id=application.agenda_item_id).first()
    if application.status != Status.ON_AGENDA or decision is None:
        raise ValidationError(_("The board has not decided on the application yet."))
    if decision.outcome != ItemDecision.Outcome.ADOPTED:
        _move(application, Status.REJECTED, user, decision.get_outcome_display())
        return None
    latest = application.assessments.order_by("-at", "-pk").first()
    amount = latest.recommended_amount if latest else application.requested
    booking = funding.commit(
        application.fund, application.year, amount, f"Antrag {application.pk}", day
    )
    grant = Grant.objects.create(
        application=application, amount=amount, booking=booking, decided_on=day
    )
    _move(application, Status.APPROVED, user)
    return grant
