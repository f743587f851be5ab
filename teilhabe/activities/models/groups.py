"""Recurring groups (senior meeting, parents' café, girls' group ...) and their dates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.codes import AttendanceMode, Weekday
from teilhabe.activities.models.attendance import Attendance, Participant
from teilhabe.core.versioning import VersionedModel


class Group(VersionedModel):
    """A recurring offer of one organisation. A weekly schedule (weekday and time) lets
    the calendar show planned dates before anybody records them; groups without a
    rhythm get their dates one by one."""

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="activity_groups",
        verbose_name=_("organisation"),
    )
    service = models.ForeignKey(
        "organisations.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("service"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("target group"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    starts_at = models.TimeField(_("from (time)"), null=True, blank=True)
    ends_at = models.TimeField(_("until (time)"), null=True, blank=True)
    first_date = models.DateField(_("first date"), null=True, blank=True)
    last_date = models.DateField(_("last date"), null=True, blank=True)
    attendance_mode = models.CharField(
        _("attendance recorded as"),
        max_length=10,
        choices=AttendanceMode.choices,
        default=AttendanceMode.COUNTS,
    )
    staff_leads = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="led_activity_groups",
        verbose_name=_("led by (staff)"),
    )
    members = models.ManyToManyField(
        Participant, blank=True, related_name="activity_groups", verbose_name=_("participants")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_date__isnull=True)
                | Q(first_date__isnull=True)
                | Q(last_date__gte=F("first_date")),
                name="activity_group_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_weekly(self) -> bool:
        return self.weekday is not None and self.first_date is not None


class GroupMeeting(VersionedModel, Attendance):
    """One date of a group: held (with attendance) or cancelled."""

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("group")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("from (time)"), null=True, blank=True)
    ends_at = models.TimeField(_("until (time)"), null=True, blank=True)
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("Only if not the group's usual place.")
    )
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta(Attendance.Meta):
        verbose_name = _("group date")
        verbose_name_plural = _("group dates")
        ordering = ["-date"]
        constraints = [
            *Attendance.Meta.constraints,
            models.UniqueConstraint(fields=["group", "date"], name="activity_meeting_one_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.date:%d.%m.%Y}"

    @property
    def where(self) -> str:
        return self.place or self.group.place
