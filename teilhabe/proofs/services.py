"""The write paths of proofs of use: opening one for a grant with its due date, the
grantee's report, receipt list and submission (by the application's link), staff's
check, and repayment requests booked in the fund's ledger (`funding.services.repay`).

A receipt list is stored all or nothing: one problem in one row and the stored list
stays as it was.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.funding import services as funding
from teilhabe.grants.application_models import Grant
from teilhabe.proofs import receipts, statement
from teilhabe.proofs.models import ProofOfUse, ProofStatus, Receipt, RepaymentRequest

# ANBest-P Nr. 6.1: the proof is due six months after the purpose is fulfilled (the
# project's end), at the latest six months after the end of the grant period (the
# budget year, when the application names no end).
MONTHS_AFTER_END = 6


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def latest_notice(grant: Grant) -> Any:
    """The grant's latest notice (grants' `GrantNotice`, related name `notices`), or None.
    Read through the relation only: the notice belongs to grants."""
    notices = getattr(grant, "notices", None)
    return notices.order_by("-created_at", "-pk").first() if notices is not None else None


def default_due(grant: Grant) -> datetime.date:
    """The reporting date of the grant notice; without a notice ANBest-P's default."""
    notice = latest_notice(grant)
    if notice is not None:
        return notice.proof_due_on
    application = grant.application
    end = application.ends_on or datetime.date(application.year, 12, 31)
    return _add_months(end, MONTHS_AFTER_END)


def period(grant: Grant) -> tuple[datetime.date | None, datetime.date | None]:
    """The period receipts must fall in: the notice's, else the application's."""
    notice = latest_notice(grant)
    if notice is not None:
        return notice.starts_on, notice.ends_on
    return grant.application.starts_on, grant.application.ends_on


def proof_for(grant: Grant) -> ProofOfUse:
    """The grant's proof of use, opened with the default due date on first use."""
    proof, _created = ProofOfUse.objects.get_or_create(
        grant=grant, defaults={"due_on": default_due(grant)}
    )
    return proof


def open_missing() -> int:
    """Opens the proof of every grant that has none yet (the daily job); returns how many."""
    grants = Grant.objects.filter(proof__isnull=True).select_related("application")
    count = 0
    for grant in grants:
        proof_for(grant)
        count += 1
    return count


def set_due(proof: ProofOfUse, due_on: datetime.date) -> ProofOfUse:
    proof.due_on = due_on
    proof.save(update_fields=["due_on"])
    return proof


def _editable(proof: ProofOfUse) -> None:
    if not proof.editable:
        raise ValidationError(
            _("The proof of use has been submitted and can no longer be changed.")
        )


def save_report(proof: ProofOfUse, report: str, own_contribution: Decimal | None) -> ProofOfUse:
    _editable(proof)
    proof.report = report
    proof.own_contribution = own_contribution
    proof.save(update_fields=["report", "own_contribution"])
    return proof


def plan_lines(proof: ProofOfUse) -> list[receipts.PlanLine]:
    return [
        receipts.PlanLine(line.pk, line.position, line.label)
        for line in proof.grant.application.costs.all()
    ]


@transaction.atomic
def upload_receipts(proof: ProofOfUse, name: str, stream: IO[bytes]) -> int:
    """Replaces the receipt list; `core.tabular.TableError` (nothing stored) on any problem."""
    _editable(proof)
    rows = receipts.read(name, stream, plan_lines(proof), period(proof.grant))
    proof.receipts.all().delete()
    Receipt.objects.bulk_create(
        Receipt(
            proof=proof,
            line_id=row.line.pk,
            number=row.number,
            paid_on=row.paid_on,
            payee=row.payee,
            purpose=row.purpose,
            amount=row.amount,
        )
        for row in rows
    )
    proof.receipts_file = name[:200]
    proof.save(update_fields=["receipts_file"])
    return len(rows)


def statement_of(proof: ProofOfUse) -> statement.Statement:
    application = proof.grant.application
    return statement.build(
        [(line.position, line.label, line.amount) for line in application.costs.all()],
        [
            (receipt.line.position, receipt.amount)
            for receipt in proof.receipts.select_related("line")
        ],
        application.own_contribution,
        proof.own_contribution,
        proof.grant.amount,
    )


def submit(proof: ProofOfUse) -> ProofOfUse:
    _editable(proof)
    if not proof.report.strip():
        raise ValidationError(_("Write the factual report before you submit."))
    if proof.own_contribution is None:
        raise ValidationError(_("Enter the own contribution spent before you submit."))
    if not proof.receipts.exists():
        raise ValidationError(_("Upload the receipt list before you submit."))
    proof.status = ProofStatus.SUBMITTED
    proof.submitted_at = timezone.now()
    proof.save(update_fields=["status", "submitted_at"])
    return proof


def check(proof: ProofOfUse, user: Any, accepted: bool, note: str) -> ProofOfUse:
    """Staff's check: accepted, or returned to the grantee for correction (with a note)."""
    if proof.status != ProofStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted proof of use can be checked."))
    if not accepted and not note.strip():
        raise ValidationError(_("Say what the grantee must correct."))
    proof.status = ProofStatus.ACCEPTED if accepted else ProofStatus.RETURNED
    proof.checked_at = timezone.now()
    proof.checked_by = user
    proof.check_note = note
    proof.save(update_fields=["status", "checked_at", "checked_by", "check_note"])
    return proof


def request_repayment(
    proof: ProofOfUse, amount: Decimal, reason: str, user: Any, day: datetime.date
) -> RepaymentRequest:
    """Records a repayment request of money not used (at most the grant)."""
    if proof.status not in (ProofStatus.SUBMITTED, ProofStatus.ACCEPTED):
        raise ValidationError(_("A repayment is requested after the proof of use is submitted."))
    if amount <= 0:
        raise ValidationError(_("The amount must be greater than 0."))
    requested = sum((r.amount for r in proof.repayments.all()), Decimal(0))
    if requested + amount > proof.grant.amount:
        raise ValidationError(_("The repayments requested would exceed the grant."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the repayment."))
    return RepaymentRequest.objects.create(
        proof=proof, amount=amount, reason=reason.strip(), requested_on=day, requested_by=user
    )


@transaction.atomic
def book_repayment(request: RepaymentRequest, day: datetime.date) -> RepaymentRequest:
    """The money is back: booked as a repayment in the fund's ledger of the grant's year
    (refused by funding when more would be repaid than was paid)."""
    request = RepaymentRequest.objects.select_for_update().get(pk=request.pk)
    if request.booking_id is not None:
        raise ValidationError(_("The repayment is booked already."))
    application = request.proof.grant.application
    request.booking = funding.repay(
        application.fund,
        application.year,
        request.amount,
        _("Repayment of application %(number)s") % {"number": application.pk},
        day,
    )
    request.save(update_fields=["booking"])
    return request
