"""The coaching process of one institution: stages, dated sessions, agreed measures,
evidence checked by the coach, self-checks, the audit record and the certificate."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.versioning import VersionedModel


class Process(VersionedModel):
    actor = models.ForeignKey(
        "network.Actor",
        on_delete=models.PROTECT,
        related_name="opening_processes",
        verbose_name=_("institution"),
    )
    catalogue = models.ForeignKey(
        "opening.Catalogue",
        on_delete=models.PROTECT,
        related_name="processes",
        verbose_name=_("criteria catalogue"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opening_coachings",
        verbose_name=_("coach"),
        help_text=_("Empty: the integration coordinator coaches."),
    )
    started_on = models.DateField(_("started on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("coaching process")
        verbose_name_plural = _("coaching processes")
        ordering = ["actor__name", "-started_on"]

    def __str__(self) -> str:
        return f"{self.actor} ({self.started_on:%d.%m.%Y})"


class StageKind(models.TextChoices):
    START = "start", _("Start and self-check")
    MEASURES = "measures", _("Measures and evidence")
    AUDIT = "audit", pgettext_lazy("opening", "Audit")
    OTHER = "other", _("Other stage")


class Stage(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="stages", verbose_name=_("process")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=20, choices=StageKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("marked done by"),
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="opening_stage_position")
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())


class CoachingSession(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("process")
    )
    stage = models.ForeignKey(
        Stage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        verbose_name=_("stage"),
    )
    date = models.DateField(_("date"))
    topics = models.TextField(_("topics and results"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.process.actor} {self.date:%d.%m.%Y}"


class AgreedMeasure(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="measures", verbose_name=_("process")
    )
    title = models.CharField(_("measure"), max_length=300)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    plan_measure = models.ForeignKey(
        "planning.Measure",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opening_measures",
        verbose_name=_("measure of the integration plan"),
    )
    agreed_on = models.DateField(_("agreed on"))

    class Meta:
        verbose_name = _("agreed measure")
        verbose_name_plural = _("agreed measures")
        ordering = ["agreed_on", "pk"]

    def __str__(self) -> str:
        return self.title


class EvidenceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("waiting for the coach")
    ACCEPTED = "accepted", _("accepted")
    RETURNED = "returned", _("returned")


class Evidence(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("process")
    )
    criterion = models.ForeignKey(
        "opening.Criterion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        verbose_name=_("criterion"),
    )
    kind = models.ForeignKey(
        "opening.EvidenceKind",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        verbose_name=_("kind of evidence"),
    )
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    file_id = models.CharField(max_length=32, unique=True)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EvidenceStatus.choices, default=EvidenceStatus.SUBMITTED
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    note = models.TextField(_("note of the coach"), blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class SelfCheck(models.Model):
    process = models.ForeignKey(
        Process, on_delete=models.CASCADE, related_name="self_checks", verbose_name=_("process")
    )
    catalogue = models.ForeignKey(
        "opening.Catalogue",
        on_delete=models.PROTECT,
        related_name="self_checks",
        verbose_name=_("criteria catalogue"),
    )
    date = models.DateField(_("date"))
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("answered by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("self-check")
        verbose_name_plural = _("self-checks")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.process.actor} {self.date:%d.%m.%Y}"


class SelfCheckAnswer(models.Model):
    self_check = models.ForeignKey(
        SelfCheck, on_delete=models.CASCADE, related_name="answers", verbose_name=_("self-check")
    )
    criterion = models.ForeignKey(
        "opening.Criterion", on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    level = models.PositiveSmallIntegerField(pgettext_lazy("self-check", "level"))

    class Meta:
        verbose_name = _("answer of a self-check")
        verbose_name_plural = _("answers of a self-check")
        constraints = [
            models.UniqueConstraint(
                fields=["self_check", "criterion"], name="opening_answer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.level}"


class AuditRecord(models.Model):
    process = models.OneToOneField(
        Process, on_delete=models.CASCADE, related_name="audit", verbose_name=_("process")
    )
    date = models.DateField(_("date of the audit"))
    auditors = models.CharField(_("audited by"), max_length=300)
    findings = models.TextField(_("findings"))
    recommends = models.BooleanField(_("recommends the certificate"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = pgettext_lazy("opening", "audit")
        verbose_name_plural = pgettext_lazy("opening", "audits")

    def __str__(self) -> str:
        return f"{self.process.actor} {self.date:%d.%m.%Y}"


class Certificate(models.Model):
    process = models.OneToOneField(
        Process, on_delete=models.PROTECT, related_name="certificate", verbose_name=_("process")
    )
    actor = models.ForeignKey(
        "network.Actor",
        on_delete=models.PROTECT,
        related_name="opening_certificates",
        verbose_name=_("institution"),
    )
    catalogue = models.ForeignKey(
        "opening.Catalogue",
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("criteria catalogue"),
    )
    number = models.CharField(pgettext_lazy("identifier", "number"), max_length=40, unique=True)
    issued_on = models.DateField(pgettext_lazy("certificate", "issued on"))
    valid_until = models.DateField(_("valid until"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = pgettext_lazy("opening", "certificate")
        verbose_name_plural = pgettext_lazy("opening", "certificates")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gt=models.F("issued_on")),
                name="opening_certificate_validity",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.actor}"


class CertificateReminder(models.Model):
    """One reminder per certificate: the daily job mails it once, a second run finds it."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.CASCADE, related_name="reminder"
    )
    sent_on = models.DateField()

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.sent_on:%d.%m.%Y}"
