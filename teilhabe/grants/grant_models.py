"""What follows a grant: the notice (Zuwendungsbescheid) as a stored PDF, its template
per fund or for the installation, payment requests (Mittelabruf) and payments.

A payment is booked in the fund's ledger (`funding.services.pay`); the `Payment` row
ties the booking to the grant, so what was paid of a grant is the sum of its payments.
Notices and payments are only ever added to.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NoticeTemplate(models.Model):
    """The text of the grant notice with placeholders (grants/notice_text.py); one per
    fund, and one without a fund for the whole installation (kept single by
    `notices.save_template`, which updates the row it finds)."""

    fund = models.OneToOneField(
        "funding.Fund",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("fund"),
    )
    body = models.TextField(_("text of the grant notice"))
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("template of the grant notice")
        verbose_name_plural = _("templates of the grant notice")

    def __str__(self) -> str:
        return str(self.fund) if self.fund_id else str(_("all funds"))


class GrantNotice(models.Model):
    """An issued notice: its terms and the PDF in the private folder (never edited)."""

    grant = models.ForeignKey(
        "grants.Grant", on_delete=models.PROTECT, related_name="notices", verbose_name=_("grant")
    )
    purpose = models.TextField(_("purpose of the grant"))
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    proof_due_on = models.DateField(_("proof of use due on"))
    conditions = models.TextField(_("further conditions"), blank=True)
    issued_on = models.DateField(_("issued on"))
    file_id = models.CharField(max_length=32, unique=True, editable=False)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("grant notice")
        verbose_name_plural = _("grant notices")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.grant} ({self.issued_on:%d.%m.%Y})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("an issued notice is never changed; issue a new one")
        super().save(*args, **kwargs)


class PaymentRequest(models.Model):
    """A request for money of a grant, by the grantee through its link or by staff."""

    class Status(models.TextChoices):
        OPEN = "offen", _("open")
        PAID = "ausgezahlt", _("paid")
        REFUSED = "abgelehnt", _("refused")

    grant = models.ForeignKey(
        "grants.Grant",
        on_delete=models.PROTECT,
        related_name="payment_requests",
        verbose_name=_("grant"),
    )
    amount = models.DecimalField(_("amount requested"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by_grantee = models.BooleanField(_("requested by the grantee"), default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    answer = models.CharField(_("answer"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_request_positive")
        ]

    def __str__(self) -> str:
        return f"{self.grant}: {self.amount}"


class Payment(models.Model):
    """Money paid out of a grant, booked in the fund's ledger."""

    grant = models.ForeignKey(
        "grants.Grant", on_delete=models.PROTECT, related_name="payments", verbose_name=_("grant")
    )
    request = models.OneToOneField(
        PaymentRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payment",
        verbose_name=_("payment request"),
    )
    amount = models.DecimalField(_("amount paid"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    booking = models.OneToOneField(
        "funding.FundBooking", on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="grants_payment_positive")
        ]

    def __str__(self) -> str:
        return f"{self.grant}: {self.amount}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a payment is never changed")
        super().save(*args, **kwargs)
