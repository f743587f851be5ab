"""Hand-over of a client to another service, only with recorded consent (SGB X § 67b)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models.cases import Case
from teilhabe.casework.models.people import Person


class Consent(models.Model):
    """Release from confidentiality (Schweigepflichtentbindung) for one recipient and purpose."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    recipient = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient organisation"),
    )
    recipient_service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recipient service"),
    )
    purpose = models.TextField(_("purpose"))
    given_on = models.DateField(_("given on"))
    explained_language = models.CharField(_("explained in language"), max_length=3)  # ISO 639-3
    refusal_explained = models.BooleanField(_("consequences of refusing were explained"))
    withdrawal_explained = models.BooleanField(_("right to withdraw was explained"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consent to share")
        verbose_name_plural = _("consents to share")
        ordering = ["-given_on", "-pk"]
        # Every visibility check asks for the withdrawn consents (casework/access.py):
        # a few rows, found through this index instead of a scan of every hand-over.
        indexes = [
            models.Index(
                fields=["withdrawn_on"],
                name="consent_withdrawn",
                condition=models.Q(withdrawn_on__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} → {self.recipient} ({self.given_on:%d.%m.%Y})"

    @property
    def is_valid(self) -> bool:
        return self.withdrawn_on is None


class Referral(models.Model):
    """A hand-over (referral, transfer, clearing) of a case's client to another service."""

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Referral")
        TRANSFER = "transfer", _("Transfer")
        CLEARING = "clearing", _("Clearing to case management")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        ENDED = "ended", _("ended (consent withdrawn)")

    source_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals_out")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    note = models.TextField(_("note for the recipient"), blank=True)
    target_case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="referral_in"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("hand-over")
        verbose_name_plural = _("hand-overs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_case} → {self.consent.recipient}"
