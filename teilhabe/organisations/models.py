"""Organisations (providers, offices), the services they offer, and the area hierarchy."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class Service(models.Model):
    """A kind of service (MBE, JMD, ...). The catalogue is installed by a migration."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_programme = models.BooleanField(_("family or group programme"), default=False)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"


class Organisation(VersionedModel):
    class Kind(models.TextChoices):
        PROVIDER = "provider", _("Service provider")
        CITY_OFFICE = "city_office", _("City office")
        MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant organisation")
        SCHOOL = "school", _("School or adult-education centre")
        PUBLIC_AGENCY = "public_agency", _("Public agency (job centre, immigration office ...)")
        OTHER = "other", _("Other")

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.PROVIDER)
    services = models.ManyToManyField(
        Service, blank=True, related_name="organisations", verbose_name=_("services")
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A node of the area hierarchy: city, district, planning area, block.

    Areas change when a city redraws its districts; validity dates keep old figures
    attached to the areas they were computed for.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent area"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    geometry = models.JSONField(_("geometry (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["level", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_validity_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )
