"""Actors of the network, their contact persons, and cooperation agreements between them.

An actor is an organisation the city's integration work deals with: one inside
Teilhabe (a provider, the city office: linked to its `Organisation`) or one outside it
(a school, the job centre, a mosque ...). Contact persons are business contact data,
still personal data: the audit log follows every change.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class ActorKind(models.Model):
    """A kind of actor (school, job centre, mosque community ...): a catalogue an
    installation can extend, installed from fixtures/actor_kinds.json."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("kind of actor")
        verbose_name_plural = _("kinds of actor")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Actor(VersionedModel):
    name = models.CharField(_("name"), max_length=200)
    kind = models.ForeignKey(
        ActorKind, on_delete=models.PROTECT, related_name="actors", verbose_name=_("kind")
    )
    # Set for organisations that work in Teilhabe themselves; at most one actor each.
    organisation = models.OneToOneField(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="network_actor",
        verbose_name=_("organisation in Teilhabe"),
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    districts = models.ManyToManyField(
        "organisations.Area",
        blank=True,
        related_name="network_actors",
        verbose_name=_("districts served"),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactPerson(VersionedModel):
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("actor")
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("e.g. head teacher, team lead")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.actor})"


class Agreement(VersionedModel):
    """A cooperation agreement between two or more actors."""

    subject = models.CharField(_("subject"), max_length=300)
    parties = models.ManyToManyField(Actor, related_name="agreements", verbose_name=_("parties"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    document_note = models.TextField(
        _("document"), blank=True, help_text=_("Where the signed document is kept.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ["-valid_from", "subject"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signed_on__isnull=False) | Q(valid_from__isnull=False),
                name="agreement_has_a_start",
                violation_error_message=_("Enter the date of signature or the start of validity."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=F("valid_from")),
                name="agreement_validity_ordered",
                violation_error_message=_("The agreement cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def starts_on(self) -> datetime.date:
        """In force from `valid_from`, or from the signature when no date is given."""
        start = self.valid_from or self.signed_on
        assert start is not None  # the constraint agreement_has_a_start
        return start

    def in_force_between(self, first: datetime.date, last: datetime.date) -> bool:
        return self.starts_on <= last and (self.valid_to is None or self.valid_to >= first)
