"""One-off events and outings (Urlaub ohne Koffer, Iftar, Girls' Day ...)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.codes import EventKind
from teilhabe.activities.models.attendance import Attendance
from teilhabe.core.versioning import VersionedModel


class Event(VersionedModel, Attendance):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="activity_events",
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
    group = models.ForeignKey(
        "activities.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("group"),
        help_text=_("If the event is an outing of one group."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Only for events over several days.")
    )
    starts_at = models.TimeField(_("from (time)"), null=True, blank=True)
    ends_at = models.TimeField(_("until (time)"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta(Attendance.Meta):
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date"]
        constraints = [
            *Attendance.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("date")),
                name="activity_event_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%d.%m.%Y}"
