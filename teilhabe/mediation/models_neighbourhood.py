"""Outreach and neighbourhood conflict work of the neighbourhood management (QM).

No entry names a person: outreach contacts are counts by place, date, language and
topic; a conflict entry describes the parties by their role ("tenants of the ground
floor", "group of young people"). Conflict entries are deleted after a short period
(`MEDIATION_CONFLICT_MONTHS`, default 12); before an entry is deleted it is added to
`ConflictTally`, so the yearly figures stay the same.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Topic(models.TextChoices):
    ORIENTATION = "orientierung", _("orientation and information")
    SCHOOL = "schule", _("school and day care")
    HEALTH = "gesundheit", pgettext_lazy("outreach topic", "health")
    HOUSING = "wohnen", _("housing and waste")
    AUTHORITIES = "behoerden", _("authorities and benefits")
    OTHER = "sonstiges", _("other")


class ConflictKind(models.TextChoices):
    NOISE = "laerm", _("noise")
    WASTE = "muell", _("waste and cleanliness")
    PUBLIC_SPACE = "oeffentlicher_raum", _("use of public space")
    NEIGHBOURS = "nachbarschaft", _("dispute between neighbours")
    OTHER = "sonstiges", _("other")


class Outcome(models.TextChoices):
    RESOLVED = "geloest", _("resolved")
    ONGOING = "laufend", _("ongoing")
    REFERRED = "weitergegeben", _("handed to a partner")


class Partner(models.TextChoices):
    PUBLIC_ORDER = "ordnungsamt", _("public-order office")
    POLICE = "bezirksdienst", _("police district service")
    HOUSING = "wohnungsgesellschaft", _("housing company")


class OutreachContact(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    language = models.CharField(_("language spoken"), max_length=8, blank=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    persons = models.PositiveIntegerField(_("persons reached"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d.%m.%Y} {self.place}"


class ConflictEntry(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(_("date"))
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    area = models.CharField(_("street or square"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    preventive = models.BooleanField(
        _("preventive operation"),
        default=False,
        help_text=_("Before an event or the holidays, not after a complaint."),
    )
    parties = models.TextField(_("parties involved"), help_text=_("Describe them without names."))
    partners = models.JSONField(_("partners involved"), default=list)
    steps = models.TextField(_("steps taken"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    follow_up_on = models.DateField(_("follow-up on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("neighbourhood conflict")
        verbose_name_plural = _("neighbourhood conflicts")
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurred_on:%d.%m.%Y} {self.area}"


class ConflictTally(models.Model):
    """What deleted conflict entries leave behind: a count per year, district and kind."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    district_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ConflictKind.choices)
    preventive = models.BooleanField(default=False)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "district_name", "kind", "preventive"],
                name="mediation_conflict_tally_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.district_name} {self.kind}: {self.count}"
