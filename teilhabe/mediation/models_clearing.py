"""Clearing from the neighbourhood work (QM) to the KIM case management (issue 14,
item 6).

A clearing rests on the consented hand-over of casework (`casework.Referral` of kind
"clearing"): the consent, the recipient and the copy of the client stay casework's.
The clearing adds what the case manager decides on: the life areas in which the person
has problems (a checklist the installation keeps, `ClearingCriterion`; case management
is for several problems at once), a short assessment, the mediator who accompanies the
person, and the decision — accepted into case management or returned with a
recommendation.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ClearingCriterion(models.Model):
    """A life area of the checklist. Installed with defaults (data/clearing_criteria.json);
    an installation adds, renames or switches off areas. Switched off, an area stays on
    the clearings that named it."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("life area"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("clearing criterion")
        verbose_name_plural = _("clearing criteria")
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class ClearingStatus(models.TextChoices):
    OPEN = "offen", _("awaiting decision")
    ACCEPTED = "angenommen", _("accepted into case management")
    RETURNED = "zurueck", _("returned with a recommendation")


class Clearing(models.Model):
    # The consented hand-over: deleted with its source case (deletion periods).
    referral = models.OneToOneField(
        "casework.Referral",
        on_delete=models.CASCADE,
        related_name="clearing",
        verbose_name=_("hand-over"),
    )
    criteria = models.ManyToManyField(
        ClearingCriterion, related_name="clearings", verbose_name=_("life areas with problems")
    )
    assessment = models.TextField(
        pgettext_lazy("clearing", "assessment"),
        help_text=_("Why case management: the problems and how they connect."),
    )
    mediator = models.ForeignKey(
        "mediation.Mediator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clearings",
        verbose_name=_("accompanying mediator"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ClearingStatus.choices, default=ClearingStatus.OPEN
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommendation = models.TextField(_("recommendation"), blank=True)

    class Meta:
        verbose_name = _("clearing")
        verbose_name_plural = _("clearings")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.referral.source_case} ({self.recorded_at:%d.%m.%Y})"

    @property
    def shown_status(self) -> str:
        """The status, also where the case manager decided in casework's hand-over inbox
        instead of on the clearing's page (the figures count it the same way)."""
        if self.status == ClearingStatus.OPEN:
            decided = {"accepted": ClearingStatus.ACCEPTED, "declined": ClearingStatus.RETURNED}
            if self.referral.status in decided:
                return str(decided[self.referral.status].label)
        return str(self.get_status_display())
