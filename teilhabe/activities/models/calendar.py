"""Calendar subscriptions: a secret address a calendar program polls without a session."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarSubscription(models.Model):
    """Only the SHA-256 of the token is stored: the token has 256 random bits, so the
    hash cannot be reversed, and a copy of the database opens no calendar."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_subscriptions",
        verbose_name=_("owner"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="calendar_subscriptions",
        verbose_name=_("organisation"),
    )
    label = models.CharField(_("label"), max_length=100, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"
