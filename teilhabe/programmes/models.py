"""Family education programmes (HIPPY, E:DU ...): the programme an organisation runs,
the enrolment of a family (a casework household) and the home visits."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel

MAX_VISIT_MINUTES = 600


class EndKind(models.TextChoices):
    REGULAR = "regulaer", _("completed regularly")
    EARLY = "vorzeitig", _("ended early")


class EarlyEndReason(models.TextChoices):
    NEW_BABY = "neues_baby", _("new baby")
    CHANGE_OF_PROGRAMME = "programmwechsel", _("change of programme")
    NO_INTEREST = "kein_interesse", _("no further interest")
    MOVED_AWAY = "umzug", _("moved away")
    OTHER = "sonstige", _("other reason")


class Programme(VersionedModel):
    """A programme one organisation runs, under a programme service of the catalogue."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "organisations.Service",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_programme": True},
        verbose_name=_("service"),
    )
    name = models.CharField(_("name"), max_length=200)
    duration_months = models.PositiveSmallIntegerField(
        _("planned duration in months"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    material_units = models.PositiveSmallIntegerField(
        _("material units"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("Number of units of the programme's material; empty if not numbered."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="programme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Enrolment(VersionedModel):
    """A family's participation in one programme, from start to end.

    A change of programme ends this enrolment and starts one in the other programme
    that points back here (`previous_enrolment`), so the family's history stays whole.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("programme")
    )
    household = models.ForeignKey(
        "casework.Household",
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("family"),
    )
    contact_person = models.ForeignKey(
        "casework.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact person"),
    )
    start_date = models.DateField(_("start"))
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    end_kind = models.CharField(
        _("kind of end"), max_length=20, choices=EndKind.choices, blank=True
    )
    end_reason = models.CharField(
        _("reason for the early end"), max_length=30, choices=EarlyEndReason.choices, blank=True
    )
    end_reason_text = models.CharField(_("other reason"), max_length=300, blank=True)
    home_visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("home visitor"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("coordinator"),
    )
    previous_enrolment = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_enrolment",
        verbose_name=_("previous programme"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="enrolment_ends_after_start",
            ),
            # An end always has its kind, and only an early end has a reason.
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True, end_kind="", end_reason="")
                | models.Q(end_date__isnull=False, end_kind=EndKind.REGULAR, end_reason="")
                | (
                    models.Q(end_date__isnull=False, end_kind=EndKind.EARLY)
                    & ~models.Q(end_reason="")
                ),
                name="enrolment_end_complete",
            ),
        ]
        indexes = [models.Index(fields=["programme", "end_date", "start_date"])]

    def __str__(self) -> str:
        return f"{self.programme}: {self.family_name}"

    @property
    def family_name(self) -> str:
        if self.contact_person is not None:
            return str(self.contact_person)
        return f"{_('Family')} {self.household}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end cannot lie before the start.")
        if self.planned_end and self.planned_end < self.start_date:
            errors["planned_end"] = _("The planned end cannot lie before the start.")
        if self.end_date and not self.end_kind:
            errors["end_kind"] = _("Please say whether the participation ended regularly or early.")
        if self.end_kind == EndKind.EARLY and not self.end_reason:
            errors["end_reason"] = _("An early end needs a reason.")
        if self.end_reason == EarlyEndReason.OTHER and not self.end_reason_text.strip():
            errors["end_reason_text"] = _("Please describe the other reason.")
        if self.contact_person_id and self.contact_person.household_id != self.household_id:  # type: ignore[union-attr]
            errors["contact_person"] = _("The contact person must belong to the family.")
        if errors:
            raise ValidationError(errors)


class HomeVisit(models.Model):
    """One visit of a home visitor (Familienbesucherin) to an enrolled family."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.PROTECT, related_name="visits", verbose_name=_("enrolment")
    )
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_VISIT_MINUTES)],
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("home visitor"),
    )
    material_unit = models.PositiveSmallIntegerField(
        _("material unit covered"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1)
                & models.Q(duration_minutes__lte=MAX_VISIT_MINUTES),
                name="home_visit_duration_range",
            )
        ]
        indexes = [models.Index(fields=["enrolment", "date"])]

    def __str__(self) -> str:
        return f"{self.enrolment.family_name} {self.date:%d.%m.%Y}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        enrolment = self.enrolment
        if self.date and self.date < enrolment.start_date:
            errors["date"] = _("The visit cannot lie before the start of the participation.")
        elif self.date and enrolment.end_date and self.date > enrolment.end_date:
            errors["date"] = _("The visit cannot lie after the end of the participation.")
        units = enrolment.programme.material_units
        if self.material_unit and units and self.material_unit > units:
            errors["material_unit"] = _("The programme has only %(units)d material units.") % {
                "units": units
            }
        if errors:
            raise ValidationError(errors)
