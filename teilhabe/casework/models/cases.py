"""Cases and counselling sessions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models.codes import AccessRoute, CaseKind, ClosingReason, SessionForm
from teilhabe.casework.models.people import Person
from teilhabe.core.versioning import VersionedModel


class Case(VersionedModel):
    """One client at one service of one organisation, from opening to closing."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service"),
    )
    external_id = models.CharField(_("case number"), max_length=100, blank=True)
    client = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="cases", verbose_name=_("client")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    access_route = models.CharField(
        _("access route"), max_length=30, choices=AccessRoute.choices, blank=True
    )
    closing_reason = models.CharField(
        _("closing reason"), max_length=30, choices=ClosingReason.choices, blank=True
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_cases",
        verbose_name=_("responsible counsellor"),
    )
    co_counselled = models.ManyToManyField(
        Person, blank=True, related_name="co_counselled_in", verbose_name=_("co-counselled persons")
    )
    shared_with = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="shared_cases",
        verbose_name=_("shared with colleagues"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="case_unique_external_id",
            ),
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="case_closed_after_opened",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "service", "opened_on"]),
            # the case list: open or closed cases of a service, newest first, and their count
            models.Index(fields=["organisation", "service", "closed_on", "opened_on"]),
            models.Index(fields=["organisation", "opened_on"]),
            models.Index(fields=["closed_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.service.code} {self.external_id or self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class SessionQuerySet(models.QuerySet["Session"]):
    def counted(self) -> SessionQuerySet:
        """The sessions that count: every figure, statistic, export and "last contact"
        reads these; a cancelled session stays in the record but counts nowhere."""
        return self.filter(cancelled_at__isnull=True)


class Session(models.Model):
    """A counselling session (Beratungskontakt) of a case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("case")
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    form = models.CharField(_("form"), max_length=20, choices=SessionForm.choices, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    present = models.ManyToManyField(
        Person, blank=True, related_name="sessions_present", verbose_name=_("persons present")
    )
    language = models.CharField(_("language"), max_length=3, blank=True)  # ISO 639-3
    interpreter = models.BooleanField(_("interpreter"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Sessions from a bulk import have no id of their own: a new import of the same case
    # replaces them, while sessions recorded in the application stay.
    imported = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # A cancelled session (storniert) stays in the record with its reason, but counts
    # nowhere: figures, statistics and exports read Session.objects.counted().
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    cancel_reason = models.TextField(_("reason for the cancellation"), blank=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("counselling session")
        verbose_name_plural = _("counselling sessions")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["case", "date"])]

    def __str__(self) -> str:
        return f"{self.case} {self.date:%d.%m.%Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class AnonymousContact(models.Model):
    """A short contact in open consultation hours, counted without a client record."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey("organisations.Service", on_delete=models.PROTECT, related_name="+")
    date = models.DateField(_("date"))
    persons = models.PositiveSmallIntegerField(_("number of persons"), default=1)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), null=True, blank=True
    )
    topics = models.JSONField(_("topics"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)  # ISO 639-3
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("anonymous contact")
        verbose_name_plural = _("anonymous contacts")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.service.code} {self.date:%d.%m.%Y}"
