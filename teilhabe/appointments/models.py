"""Appointments with a client of a case, and reminders (Wiedervorlagen) on a case or goal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class Modality(models.TextChoices):
    IN_PERSON = "vor_ort", _("on site")
    PHONE = "telefon", _("by phone")
    VIDEO = "video", _("by video")
    HOME_VISIT = "hausbesuch", _("home visit")


class Appointment(VersionedModel):
    """An appointment with the client of a case. Cancelled appointments stay (with
    their cancellation) so that a subscribed calendar learns of the cancellation."""

    case = models.ForeignKey(
        "casework.Case",
        on_delete=models.CASCADE,
        related_name="appointments",
        verbose_name=_("case"),
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("until"))
    modality = models.CharField(
        _("kind of appointment"),
        max_length=20,
        choices=Modality.choices,
        default=Modality.IN_PERSON,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    # A language mediator or interpreter: the language (ISO 639-3, e.g. "prs" for Dari)
    # and a name as typed. Issue 14 brings a pool of mediators; a link to it will be
    # added beside these two fields, which stay as what was booked.
    mediator_language = models.CharField(_("language of the mediation"), max_length=3, blank=True)
    mediator_name = models.CharField(
        _("language mediator or interpreter"), max_length=200, blank=True
    )
    note = models.TextField(_("note"), blank=True)
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
        verbose_name=_("counsellor"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booked by"),
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["counsellor", "date"]),
            models.Index(fields=["case", "date"]),
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.date:%d.%m.%Y} {self.starts_at:%H:%M}"

    @property
    def mediator_language_label(self) -> str:
        from teilhabe.core.languages import language_name

        return language_name(self.mediator_language) if self.mediator_language else ""


class Reminder(models.Model):
    """A Wiedervorlage: a date on which the case (or one of its goals) is looked at again."""

    case = models.ForeignKey(
        "casework.Case",
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("case"),
    )
    goal = models.ForeignKey(
        "casework.Goal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("goal"),
    )
    due_on = models.DateField(_("due on"))
    text = models.CharField(_("what is to be done"), max_length=200)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["case", "done_at", "due_on"])]

    def __str__(self) -> str:
        return f"{self.case} {self.due_on:%d.%m.%Y}"

    @property
    def is_done(self) -> bool:
        return self.done_at is not None
