"""Language and culture mediation (issue 14): the mediator pool of an organisation, the
bodies that request mediators, their requests and the assignments that answer them.

A request names no client: the requesting body, the requesting person (a member of
staff there), language, time, place or modality and subject; at most a family
reference number the body uses itself, so that the same mediator can be asked again.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.versioning import VersionedModel


class MediatorKind(models.TextChoices):
    EMPLOYED = "angestellt", _("employed")
    FREELANCE = "honorar", _("freelance")
    VOLUNTEER = "ehrenamt", _("volunteer")


class Subject(models.TextChoices):
    # A context of their own: "school" and "health" are also goal areas (adjectives).
    SCHOOL = "schule", pgettext_lazy("mediation subject", "school")
    HEALTH = "gesundheit", pgettext_lazy("mediation subject", "health")
    YOUTH_OFFICE = "jugendamt", pgettext_lazy("mediation subject", "youth welfare office")
    AUTHORITIES = "behoerden", pgettext_lazy("mediation subject", "authorities")
    CASE_MANAGEMENT = "case_management", pgettext_lazy("mediation subject", "case management")


class Modality(models.TextChoices):
    IN_PERSON = "vor_ort", _("in person")
    PHONE = "telefon", _("phone")
    VIDEO = "video", _("video")


class Gender(models.TextChoices):
    FEMALE = "w", _("female")
    MALE = "m", _("male")
    DIVERSE = "d", _("diverse")


class Mediator(VersionedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="mediators",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    kind = models.CharField(_("employment"), max_length=20, choices=MediatorKind.choices)
    # The sign-in with which the mediator sees and accepts their own assignments.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediator_profiles",
        verbose_name=_("user account"),
    )
    # A volunteer mediator: consent and agreements are kept with the volunteer.
    volunteer = models.ForeignKey(
        "activities.Volunteer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mediator_profiles",
        verbose_name=_("volunteer record"),
    )
    languages = models.JSONField(_("languages and dialects"), default=list)
    subjects = models.JSONField(_("subject areas"), default=list)
    modalities = models.JSONField(_("modalities"), default=list)
    qualification = models.CharField(_("qualification"), max_length=300, blank=True)
    weekly_hours = models.DecimalField(
        _("available hours per week"), max_digits=4, decimal_places=1, default=0
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, blank=True)
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district where the mediator is based"),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("mediator")
        verbose_name_plural = _("mediators")
        ordering = ["last_name", "first_name"]
        constraints = [
            # one account is one mediator of a pool: accepting a request finds the
            # mediator by account and pool
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="mediator_one_record_per_account_and_pool",
                violation_error_message=_("This account is already a mediator of the pool."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def new_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    """What is stored of a body's link: a copy of the database opens no form."""
    return hashlib.sha256(token.encode()).hexdigest()


def unissued_token_hash() -> str:
    # a new body's form is closed until the coordinator issues its link
    return hash_token(new_token())


class RequestingBody(models.Model):
    """An office, school or service that books mediators from the pool."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="requesting_bodies",
        verbose_name=_("organisation of the pool"),
    )
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    # The secret of the body's request form (a link the coordinator hands over), stored
    # as its SHA-256 only; the link is shown once when it is issued (services.issue_link).
    token_hash = models.CharField(
        max_length=64, unique=True, default=unissued_token_hash, editable=False
    )
    link_issued_at = models.DateTimeField(_("link issued"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("requesting body")
        verbose_name_plural = _("requesting bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    OPEN = "offen", _("open")
    ASSIGNED = "vergeben", _("assigned")
    CONFIRMED = "bestaetigt", _("confirmed")
    COMPLETED = "erledigt", _("completed")
    NO_SHOW = "nicht_erschienen", _("no-show")
    CANCELLED = "abgesagt", _("cancelled by the requesting body")
    UNFULFILLED = "nicht_besetzt", _("no mediator found")


class MediationRequest(VersionedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="mediation_requests",
        verbose_name=_("organisation of the pool"),
    )
    body = models.ForeignKey(
        RequestingBody,
        on_delete=models.PROTECT,
        related_name="requests",
        verbose_name=_("requesting body"),
    )
    requesting_person = models.CharField(_("requesting person"), max_length=200)
    language = models.CharField(_("requested language"), max_length=8)
    dialect_note = models.CharField(_("dialect or region"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=20, choices=Subject.choices)
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"))
    duration_minutes = models.PositiveIntegerField(_("expected duration (minutes)"), default=60)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices)
    place = models.CharField(_("place"), max_length=300, blank=True)
    district = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("district"),
    )
    family_reference = models.CharField(
        _("family reference number"),
        max_length=40,
        blank=True,
        help_text=_("Your own file or reference number, never a name."),
    )
    gender_wish = models.CharField(
        _("mediator's gender required"), max_length=1, choices=Gender.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("entered by"),
    )
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("mediation request")
        verbose_name_plural = _("mediation requests")
        ordering = ["date", "starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.date:%d.%m.%Y} {self.language}"


class Side(models.TextChoices):
    REQUESTER = "anfragend", _("requesting body")
    MEDIATOR = "mittler", _("mediator")
    POOL = "koordination", _("coordination")


class Assignment(models.Model):
    """A mediator answering a request. A cancelled assignment stays as history; at most
    one assignment of a request is not cancelled."""

    request = models.ForeignKey(
        MediationRequest, on_delete=models.CASCADE, related_name="assignments"
    )
    mediator = models.ForeignKey(Mediator, on_delete=models.PROTECT, related_name="assignments")
    assigned_at = models.DateTimeField(_("assigned at"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by_side = models.CharField(max_length=20, choices=Side.choices, blank=True)
    cancel_reason = models.CharField(_("reason for cancellation"), max_length=300, blank=True)
    # Completion
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    minutes_spent = models.PositiveIntegerField(_("time spent (minutes)"), null=True, blank=True)
    travel_minutes = models.PositiveIntegerField(_("travel time (minutes)"), default=0)
    travel_km = models.DecimalField(_("travel (km)"), max_digits=6, decimal_places=1, default=0)
    modality = models.CharField(_("modality"), max_length=20, choices=Modality.choices, blank=True)
    programme = models.ForeignKey(
        "funding.FundingProgramme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mediation_assignments",
        verbose_name=_("funding programme"),
    )

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(cancelled_at__isnull=True),
                name="mediation_one_live_assignment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mediator} – {self.request}"


# Outreach and neighbourhood conflicts (item 5) and the clearing (item 6): own modules.
from teilhabe.mediation.models_clearing import (  # noqa: E402, F401
    Clearing,
    ClearingCriterion,
    ClearingStatus,
)
from teilhabe.mediation.models_neighbourhood import (  # noqa: E402, F401
    ConflictEntry,
    ConflictTally,
    OutreachContact,
)
