"""Volunteers (Ehrenamtliche), their task areas, engagements, hours, agreements, training.

Volunteers are personal data of people who are not clients: their own register,
managed by the volunteer coordination, never linked to casework.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel


class Volunteer(VersionedModel):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="volunteers",
        verbose_name=_("organisation"),
    )
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    address = models.TextField(_("address"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    consent_given_on = models.DateField(
        _("consent to data storage given on"),
        help_text=_("Without a written consent no volunteer's data may be stored."),
    )
    consent_note = models.CharField(_("where the consent is filed"), max_length=200, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class TaskArea(models.Model):
    """A task area of the organisation's catalogue (leading a dance group, help at events)."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="volunteer_task_areas",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("task area")
        verbose_name_plural = _("task areas")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="activity_task_area_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Engagement(models.Model):
    """A volunteer in a task area, possibly in one group (and then possibly leading it)."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="engagements", verbose_name=_("volunteer")
    )
    task_area = models.ForeignKey(
        TaskArea, on_delete=models.PROTECT, related_name="engagements", verbose_name=_("task area")
    )
    group = models.ForeignKey(
        "activities.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteer_engagements",
        verbose_name=_("group"),
    )
    leads_group = models.BooleanField(_("leads the group"), default=False)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="activity_engagement_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(leads_group=False) | Q(group__isnull=False),
                name="activity_engagement_lead_needs_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} – {self.group or self.task_area}"


class HoursEntry(models.Model):
    """Hours of an engagement on one day, or for a whole month (date = the 1st)."""

    class Period(models.TextChoices):
        DAY = "day", _("on this day")
        MONTH = "month", _("in this month")

    engagement = models.ForeignKey(
        Engagement, on_delete=models.CASCADE, related_name="hours", verbose_name=_("engagement")
    )
    period = models.CharField(_("period"), max_length=5, choices=Period.choices)
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("hours")
        verbose_name_plural = _("hours")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="activity_hours_positive"),
            models.CheckConstraint(
                condition=Q(period="day", hours__lte=24) | Q(period="month", hours__lte=744),
                name="activity_hours_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.engagement}: {self.hours} h"


class Agreement(models.Model):
    """A signed volunteering agreement (Ehrenamtsvereinbarung); the paper stays filed."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("volunteer")
    )
    signed_on = models.DateField(_("signed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document_note = models.CharField(_("document"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on"]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.signed_on:%d.%m.%Y}"


class Training(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("volunteer")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.title
