"""Applications for a grant: what an association sends through the public form, what
staff make of it (completeness, assessment, the board's agenda), and the grant.

The applicant has no account: a random link (`token_hash` keeps only its SHA-256)
opens their own application and nothing else. Applicants' personal data (the contact
person) stays on the application; nothing public reads it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "entwurf", _("draft")
    SUBMITTED = "eingereicht", _("submitted")
    INCOMPLETE = "unvollstaendig", _("documents missing")
    COMPLETE = "vollstaendig", _("complete")
    ASSESSED = "geprueft", _("assessed")
    ON_AGENDA = "tagesordnung", _("on the board's agenda")
    APPROVED = "bewilligt", _("approved")
    REJECTED = "abgelehnt", _("rejected")
    WITHDRAWN = "zurueckgezogen", _("withdrawn")


class Application(models.Model):
    fund = models.ForeignKey(
        "funding.Fund", on_delete=models.PROTECT, related_name="+", verbose_name=_("fund")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    organisation_name = models.CharField(_("applicant organisation"), max_length=200)
    organisation_address = models.TextField(_("address of the organisation"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("e-mail"))
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    title = models.CharField(_("project title"), max_length=300)
    description = models.TextField(_("project description"), blank=True)
    starts_on = models.DateField(_("project start"), null=True, blank=True)
    ends_on = models.DateField(_("project end"), null=True, blank=True)
    measure = models.ForeignKey(
        "planning.Measure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("measure of the plan"),
    )
    field_of_action = models.ForeignKey(
        "planning.FieldOfAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("field of action"),
    )
    own_contribution = models.DecimalField(
        _("own contribution"), max_digits=12, decimal_places=2, default=0
    )
    requested = models.DecimalField(
        _("amount requested"), max_digits=12, decimal_places=2, default=0
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Set by staff: the applicant as an actor of the network, for the register of interests.
    applicant_actor = models.ForeignKey(
        "network.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applicant in the network"),
    )
    agenda_item = models.OneToOneField(
        "network.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
        verbose_name=_("agenda item"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} ({self.organisation_name})"


class CostLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="costs")
    position = models.PositiveSmallIntegerField(_("line"))
    label = models.CharField(_("cost item"), max_length=200)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("line of the finance plan")
        verbose_name_plural = _("finance plan")
        ordering = ["application", "position"]

    def __str__(self) -> str:
        return self.label


class ApplicationDocument(models.Model):
    """A document of an application in the private folder (documents/storage.py)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file_id = models.CharField(max_length=32, unique=True, editable=False)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("document of an application")
        verbose_name_plural = _("documents of applications")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name


class StatusChange(models.Model):
    """The history of an application's status: rows are added, never changed."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("change of status")
        verbose_name_plural = _("status history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.get_status_display()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("the status history is only ever added to")
        super().save(*args, **kwargs)


class Assessment(models.Model):
    """Staff's assessment: the content and the calculation separately, and a
    recommendation to the board."""

    class Recommendation(models.TextChoices):
        APPROVE = "bewilligen", _("approve")
        APPROVE_PART = "teilweise", _("approve in part")
        REJECT = "ablehnen", _("reject")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="assessments"
    )
    content = models.TextField(_("assessment of the content"))
    calculation = models.TextField(_("assessment of the calculation"))
    eligible_costs = models.DecimalField(_("eligible costs"), max_digits=12, decimal_places=2)
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices
    )
    recommended_amount = models.DecimalField(
        _("amount recommended"), max_digits=12, decimal_places=2
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["at"]

    def __str__(self) -> str:
        return self.get_recommendation_display()


class Grant(models.Model):
    """Money granted on a positive decision, committed in the fund's ledger."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="grant")
    amount = models.DecimalField(_("amount granted"), max_digits=12, decimal_places=2)
    booking = models.OneToOneField(
        "funding.FundBooking", on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(_("decided on"))

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self) -> str:
        return str(self.application)
