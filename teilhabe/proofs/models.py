"""Proof of use (Verwendungsnachweis per ANBest-P Nr. 6) of a grant: the factual report,
the receipt list matched to the lines of the application's finance plan, the reminders
sent, and the repayment requests staff record.

The grant itself (`grants.Grant`) carries no reporting date, so the due date lives here.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProofStatus(models.TextChoices):
    OPEN = "offen", _("open")
    SUBMITTED = "eingereicht", _("submitted")
    RETURNED = "nachzubessern", _("returned for correction")
    ACCEPTED = "geprueft", _("checked and accepted")


class ProofOfUse(models.Model):
    grant = models.OneToOneField(
        "grants.Grant", on_delete=models.PROTECT, related_name="proof", verbose_name=_("grant")
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ProofStatus.choices, default=ProofStatus.OPEN
    )
    report = models.TextField(_("factual report"), blank=True)
    own_contribution = models.DecimalField(
        _("own contribution spent"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    receipts_file = models.CharField(_("receipt list"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    check_note = models.TextField(_("note of the check"), blank=True)

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return str(self.grant)

    @property
    def editable(self) -> bool:
        return self.status in (ProofStatus.OPEN, ProofStatus.RETURNED)


class Receipt(models.Model):
    """One line of the receipt list (Belegliste), matched to a line of the finance plan."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="receipts")
    line = models.ForeignKey(
        "grants.CostLine",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("line of the finance plan"),
    )
    number = models.PositiveIntegerField(_("line in the file"))
    paid_on = models.DateField(_("date"))
    payee = models.CharField(_("payee"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=300)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipt list")
        ordering = ["proof", "number"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="proofs_receipt_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.paid_on} {self.payee}"


class ReminderKind(models.TextChoices):
    BEFORE = "vorher", _("before the due date")
    OVERDUE = "ueberfaellig", _("overdue")


class ProofReminder(models.Model):
    """A reminder mailed to the grantee; one per proof and day at most, so the daily job
    can run twice without mailing twice."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["proof", "sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["proof", "sent_on"], name="proofs_one_reminder_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.sent_on}"


class RepaymentRequest(models.Model):
    """A repayment request (Rückforderung) of money not used; `booking` is the repayment in
    the fund's ledger (`funding.services.repay`) once the money is back."""

    proof = models.ForeignKey(ProofOfUse, on_delete=models.PROTECT, related_name="repayments")
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    reason = models.TextField(_("reason"))
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    booking = models.OneToOneField(
        "funding.FundBooking",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("repayment booked"),
    )

    class Meta:
        verbose_name = _("repayment request")
        verbose_name_plural = _("repayment requests")
        ordering = ["requested_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="proofs_repayment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} ({self.requested_on})"
