"""Persons a service counsels: clients and the family members counselled with them."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models.codes import Gender, LegalStatus, SchoolQualification
from teilhabe.casework.search_keys import phonetic_key, plain_key
from teilhabe.core.versioning import VersionedModel


class HouseholdRelation(models.TextChoices):
    """How a member belongs to the household, seen from its reference person."""

    REFERENCE = "reference", _("reference person")
    PARTNER = "partner", _("partner")
    CHILD = "child", _("child")
    PARENT = "parent", _("parent")
    OTHER = "other", _("other relative or member")


class Household(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="households"
    )
    external_id = models.CharField(_("household number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="household_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return self.external_id or f"#{self.pk}"


class Person(VersionedModel):
    """A client (Ratsuchende:r) or co-counselled person of one organisation."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="persons",
        verbose_name=_("organisation"),
    )
    external_id = models.CharField(_("person number"), max_length=100, blank=True)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    nationalities = models.JSONField(_("nationalities"), default=list, blank=True)
    country_of_origin = models.CharField(_("country of origin"), max_length=2, blank=True)
    country_of_birth = models.CharField(_("country of birth"), max_length=2, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=30, choices=LegalStatus.choices, blank=True
    )
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("district of residence"),
    )
    arrival_date = models.DateField(_("date of arrival in Germany"), null=True, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    school_qualification = models.CharField(
        _("school qualification"), max_length=20, choices=SchoolQualification.choices, blank=True
    )
    vocational_qualification = models.CharField(
        _("vocational qualification"), max_length=200, blank=True
    )
    household = models.ForeignKey(
        Household,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("household"),
    )
    household_relation = models.CharField(
        _("relation in the household"),
        max_length=20,
        choices=HouseholdRelation.choices,
        blank=True,
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.TextField(_("address"), blank=True)
    # Search keys, kept in step with the name on every save (see search_keys.py).
    name_plain = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    name_phonetic = models.CharField(max_length=300, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["last_name", "first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "external_id"],
                condition=~models.Q(external_id=""),
                name="person_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        name = f"{self.first_name} {self.last_name}".strip()
        return name or f"{_('Person')} {self.external_id or self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        full_name = f"{self.first_name} {self.last_name}"
        self.name_plain = plain_key(full_name)
        self.name_phonetic = phonetic_key(full_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_plain", "name_phonetic"}
        super().save(*args, **kwargs)
        from teilhabe.casework.name_index import index_person  # the index needs Person

        index_person(self)
