"""The criteria catalogue of intercultural opening and the institutions' contact persons.

A catalogue is one version of the installation's criteria: areas (leadership and
strategy, staff and qualification, ...), criteria with a text per level (0 up to the
catalogue's top level) and the kinds of evidence that count. A version that a
certificate names is frozen (catalogue.py refuses every change); a new version is a copy
of the previous one. The coaching process, self-checks, evidence and certificates are
in models_process.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The process models live in their own module; Django and the other modules find them here.
from teilhabe.opening.models_process import (
    AgreedMeasure,
    AuditRecord,
    Certificate,
    CertificateReminder,
    CoachingSession,
    Evidence,
    Process,
    SelfCheck,
    SelfCheckAnswer,
    Stage,
)


class Catalogue(models.Model):
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    predecessor = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor",
        verbose_name=_("previous version"),
    )
    top_level = models.PositiveSmallIntegerField(
        _("highest level"),
        default=3,
        help_text=_("Criteria are answered with a level from 0 to this number."),
    )
    valid_years = models.PositiveSmallIntegerField(
        _("validity of a certificate in years"), default=3
    )
    created_on = models.DateField(_("created on"))

    class Meta:
        verbose_name = _("criteria catalogue")
        verbose_name_plural = _("criteria catalogues")
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["title", "version"], name="opening_catalogue_version"),
            models.CheckConstraint(
                condition=models.Q(top_level__gte=1, top_level__lte=5),
                name="opening_catalogue_top_level",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({_('version')} {self.version})"

    @property
    def is_frozen(self) -> bool:
        """A catalogue a certificate names never changes: the certificate says what it was
        given for."""
        return self.certificates.exists()


class CatalogueArea(models.Model):
    catalogue = models.ForeignKey(
        Catalogue, on_delete=models.CASCADE, related_name="areas", verbose_name=_("catalogue")
    )
    # Stable across versions: self-checks under different versions are compared by it.
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("area of the catalogue")
        verbose_name_plural = _("areas of the catalogue")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="opening_area_code")
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceKind(models.Model):
    """A kind of evidence that counts (multilingual leaflets, door signs, certificates of
    training ...), per catalogue version."""

    catalogue = models.ForeignKey(
        Catalogue,
        on_delete=models.CASCADE,
        related_name="evidence_kinds",
        verbose_name=_("catalogue"),
    )
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("kind of evidence")
        verbose_name_plural = _("kinds of evidence")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "name"], name="opening_evidence_kind")
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    area = models.ForeignKey(
        CatalogueArea,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("area of the catalogue"),
    )
    code = models.CharField(pgettext_lazy("identifier", "number"), max_length=20)
    question = models.TextField(_("criterion"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    evidence_kinds = models.ManyToManyField(
        EvidenceKind,
        blank=True,
        related_name="criteria",
        verbose_name=_("kinds of evidence that count"),
    )

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["area__position", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.question[:80]}"


class LevelText(models.Model):
    """What a level of a criterion means ("0: not yet", "3: fully in place ...")."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="levels", verbose_name=_("criterion")
    )
    level = models.PositiveSmallIntegerField(pgettext_lazy("self-check", "level"))
    text = models.CharField(_("description"), max_length=500)

    class Meta:
        verbose_name = pgettext_lazy("self-check", "level")
        verbose_name_plural = pgettext_lazy("self-check", "levels")
        ordering = ["level"]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "level"], name="opening_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.level}: {self.text}"


class InstitutionContact(models.Model):
    """A user who signs in for one institution (a network actor) and sees nothing but its
    self-checks, coaching process and evidence (access.py). Such a user holds no
    organisation role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="opening_contacts",
        verbose_name=_("user"),
    )
    actor = models.ForeignKey(
        "network.Actor",
        on_delete=models.CASCADE,
        related_name="opening_contacts",
        verbose_name=_("institution"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact person of an institution")
        verbose_name_plural = _("contact persons of institutions")
        constraints = [
            models.UniqueConstraint(fields=["user", "actor"], name="opening_contact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.actor}"


__all__ = [
    "AgreedMeasure",
    "AuditRecord",
    "Catalogue",
    "CatalogueArea",
    "Certificate",
    "CertificateReminder",
    "CoachingSession",
    "Criterion",
    "Evidence",
    "EvidenceKind",
    "InstitutionContact",
    "LevelText",
    "Process",
    "SelfCheck",
    "SelfCheckAnswer",
    "Stage",
]
