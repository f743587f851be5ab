"""Deletion periods: the period per service, legal holds on single cases, and the
record of each deletion run (counts only, never names)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Years after the end of the calendar year in which a case was closed (docs/privacy.md).
DEFAULT_YEARS = 3
MAX_YEARS = 30


class RetentionPeriod(models.Model):
    """The deletion period of one service of the catalogue; a service without a row
    keeps its cases for DEFAULT_YEARS."""

    service = models.OneToOneField(
        "organisations.Service",
        on_delete=models.CASCADE,
        related_name="retention_period",
        verbose_name=_("service"),
    )
    years = models.PositiveSmallIntegerField(
        _("deletion period (years)"),
        default=DEFAULT_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_YEARS)],
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("deletion period")
        verbose_name_plural = _("deletion periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=1) & models.Q(years__lte=MAX_YEARS),
                name="retention_period_years_in_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id}: {self.years}"


class LegalHold(models.Model):
    """A case that must be kept beyond its deletion period (a pending court case, a
    funder's audit). The reason is required and the hold is in the audit log."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="legal_hold", verbose_name=_("case")
    )
    reason = models.CharField(_("reason"), max_length=500)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return f"{self.case_id}"


class RetentionRun(models.Model):
    """One run of the deletion: nightly (no user) or started by the data-protection
    officer. Keeps counts; what was deleted is in the audit log, one entry per record."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The day the periods were measured against (Europe/Berlin).
    reference_date = models.DateField(_("reference date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    cases = models.PositiveIntegerField(_("cases deleted"), default=0)
    persons = models.PositiveIntegerField(_("persons deleted"), default=0)
    households = models.PositiveIntegerField(_("households deleted"), default=0)
    sessions = models.PositiveIntegerField(_("sessions deleted"), default=0)
    goals = models.PositiveIntegerField(_("goals deleted"), default=0)
    # Due but kept: a year not closed, a legal hold, a person still linked elsewhere.
    waiting = models.PositiveIntegerField(_("cases waiting"), default=0)
    persons_kept = models.PositiveIntegerField(_("persons kept"), default=0)
    # [{"organisation": name, "service": code, "cases": n}, ...]
    per_service = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("deletion run")
        verbose_name_plural = _("deletion runs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.pk} {self.status}"
