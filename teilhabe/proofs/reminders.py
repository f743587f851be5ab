"""Reminders of the proof of use, mailed to the applicant's contact address.

Rule (decided): an open proof (not submitted, or returned) gets one reminder when the
due date is `PROOF_REMIND_BEFORE_DAYS` (14) days away or closer, and from the day after
the due date an overdue reminder every `PROOF_REMIND_EVERY_DAYS` (7) days for as long as
it stays overdue. At most one reminder per proof and day (a database constraint), so
the daily job can run twice, or late, without mailing twice; a missed day is caught up
on the next run because the rule asks "when was the last one", not "is it day n".
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.proofs.models import ProofOfUse, ProofReminder, ProofStatus, ReminderKind


def _days(name: str, default: int) -> datetime.timedelta:
    return datetime.timedelta(days=int(getattr(settings, name, default)))


def due_kind(proof: ProofOfUse, sent: list[ProofReminder], day: datetime.date) -> str | None:
    """The kind of reminder the proof is due on `day`, or None."""
    if proof.status not in (ProofStatus.OPEN, ProofStatus.RETURNED):
        return None
    if any(reminder.sent_on == day for reminder in sent):
        return None
    if day > proof.due_on:
        overdue = [r.sent_on for r in sent if r.kind == ReminderKind.OVERDUE]
        every = _days("PROOF_REMIND_EVERY_DAYS", 7)
        if not overdue or max(overdue) + every <= day:
            return ReminderKind.OVERDUE
        return None
    before = _days("PROOF_REMIND_BEFORE_DAYS", 14)
    if day >= proof.due_on - before and not any(r.kind == ReminderKind.BEFORE for r in sent):
        return ReminderKind.BEFORE
    return None


def _mail(proof: ProofOfUse, kind: str) -> None:
    application = proof.grant.application
    values = {
        "title": application.title[:100],
        "due": formats.date_format(proof.due_on, "d.m.Y"),
    }
    if kind == ReminderKind.BEFORE:
        subject = _("Proof of use due on %(due)s: %(title)s") % values
        opening = _("the proof of use of your project “%(title)s” is due on %(due)s.") % values
    else:
        subject = _("Proof of use overdue: %(title)s") % values
        opening = (
            _(
                "the proof of use of your project “%(title)s” was due on %(due)s and has not "
                "reached us yet."
            )
            % values
        )
    body = _(
        "Hello,\n\n%(opening)s\n\nOpen your application with the link we sent you when you "
        "applied; its page leads to the proof of use: the factual report, the own "
        "contribution and the receipt list as CSV or XLSX."
    ) % {"opening": opening}
    send_mail(subject, body, None, [application.contact_email])


def send_due(day: datetime.date) -> int:
    """Mails every reminder due on `day`; returns how many were sent."""
    proofs = ProofOfUse.objects.filter(
        status__in=(ProofStatus.OPEN, ProofStatus.RETURNED),
        due_on__lte=day + _days("PROOF_REMIND_BEFORE_DAYS", 14),
    ).select_related("grant__application")
    sent = 0
    for proof in proofs:
        kind = due_kind(proof, list(proof.reminders.all()), day)
        if kind is None:
            continue
        try:
            with transaction.atomic():
                ProofReminder.objects.create(proof=proof, kind=kind, sent_on=day)
                # Mailed inside the transaction: a failed mail leaves no record, so the
                # next run tries again.
                _mail(proof, kind)
        except IntegrityError:
            continue  # another run sent today's reminder meanwhile
        sent += 1
    return sent
