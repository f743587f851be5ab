"""Bodies (*Gremien*): round tables, steering groups, boards, the integration council and
working groups, with members and their terms, meetings, attendance, minutes and
decisions."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel
from teilhabe.network.models.actors import Actor


class Body(VersionedModel):
    class Kind(models.TextChoices):
        ROUND_TABLE = "runder_tisch", _("Round table")
        STEERING_GROUP = "steuerungsgruppe", _("Steering group")
        BOARD = "kuratorium", _("Board")
        INTEGRATION_COUNCIL = "integrationsrat", _("Integration council")
        WORKING_GROUP = "arbeitsgruppe", _("Working group")
        OTHER = "sonstiges", _("Other body")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # The organisation that convenes the body and keeps its records (often the city).
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="network_bodies",
        verbose_name=_("convened by"),
    )
    purpose = models.TextField(_("purpose"), blank=True)
    rhythm = models.CharField(
        _("meets"), max_length=100, blank=True, help_text=_("e.g. quarterly, three times a year")
    )
    districts = models.ManyToManyField(
        "organisations.Area", blank=True, related_name="network_bodies", verbose_name=_("districts")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class BodyMembership(VersionedModel):
    """A seat in a body for a term: an actor, a named person, or a person for an actor."""

    class Function(models.TextChoices):
        CHAIR = "vorsitz", _("Chair")
        DEPUTY = "stellvertretung", _("Deputy chair")
        MEMBER = "mitglied", _("Member")
        GUEST = "gast", _("Guest")
        SECRETARY = "geschaeftsfuehrung", _("Secretary")

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("body")
    )
    actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="body_memberships",
        verbose_name=_("actor"),
    )
    person_name = models.CharField(_("person"), max_length=200, blank=True)
    function = models.CharField(
        _("role in the body"), max_length=30, choices=Function.choices, default=Function.MEMBER
    )
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership in a body")
        verbose_name_plural = _("memberships in bodies")
        # No join in the default ordering: PostgreSQL refuses FOR UPDATE (core/versioning)
        # on the nullable side of an outer join. Pages sort seats with `sort_key`.
        ordering = ["body_id", "term_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | ~Q(person_name=""),
                name="body_membership_names_someone",
                violation_error_message=_("Name an actor, a person or both."),
            ),
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="body_membership_term_ordered",
                violation_error_message=_("The term cannot end before it begins."),
            ),
        ]

    def __str__(self) -> str:
        if self.actor_id and self.person_name:
            return f"{self.person_name} ({self.actor})"
        return self.person_name or str(self.actor)

    def serves_on(self, day: datetime.date) -> bool:
        return self.term_from <= day and (self.term_to is None or day <= self.term_to)

    @property
    def sort_key(self) -> tuple[int, str]:
        """Chair first, then deputy, members, guests, secretary; by name within."""
        name = self.actor.name if self.actor_id and self.actor else self.person_name
        return (list(self.Function.values).index(self.function), name.casefold())


class Meeting(VersionedModel):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body")
    )
    held_on = models.DateField(_("date"))
    starts_at = models.TimeField(_("time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes of the meeting"), blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "-starts_at"]
        indexes = [models.Index(fields=["body", "held_on"], name="meeting_body_date")]

    def __str__(self) -> str:
        return f"{self.body} – {self.held_on:%d.%m.%Y}"


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    position = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("item"), max_length=300)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "anwesend", _("present")
        EXCUSED = "entschuldigt", _("excused")
        ABSENT = "abwesend", _("absent")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    membership = models.ForeignKey(
        BodyMembership,
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("member"),
    )
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "membership"], name="attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.membership}: {self.get_status_display()}"


class Decision(VersionedModel):
    class Status(models.TextChoices):
        OPEN = "offen", _("open")
        IN_PROGRESS = "in_umsetzung", _("in progress")
        DONE = "erledigt", _("done")
        DROPPED = "verworfen", _("dropped")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))
    responsible_actor = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("responsible actor"),
    )
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    status_on = models.DateField(_("status since"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="decision_status_due")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_pending and self.due_on is not None and self.due_on < today
