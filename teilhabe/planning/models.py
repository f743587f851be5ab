"""The integration plan: a concept with fields of action, a goal tree of any depth
(city goals and the goals of district action plans, which carry an area), measures
serving goals, and their dated progress (shared/formats/plan.md).

Progress entries are only ever added: the plan on any past date is computed from
them (figures.py), so an entry is never changed after it is stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.versioning import VersionedModel


class Status(models.TextChoices):
    PLANNED = "geplant", pgettext_lazy("measure status", "planned")
    RUNNING = "laufend", pgettext_lazy("measure status", "running")
    COMPLETED = "abgeschlossen", pgettext_lazy("measure status", "completed")
    POSTPONED = "zurueckgestellt", pgettext_lazy("measure status", "postponed")
    CANCELLED = "abgebrochen", pgettext_lazy("measure status", "cancelled")


# Path segments of the plan's addresses (urls.py) that a concept's short name must not
# take, or its page could not be reached.
RESERVED_SLUGS = frozenset(
    {
        "fortschritt",
        "handlungsfelder",
        "import",
        "indikatoren",
        "massnahmen",
        "meine-massnahmen",
        "neu",
        "ziele",
    }
)


class Concept(VersionedModel):
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    period_start = models.DateField(_("runs from"), null=True, blank=True)
    period_end = models.DateField(_("runs until"), null=True, blank=True)
    # The edition this one succeeds (editions.start_successor); its measures carried
    # over name where they came from (Measure.carried_from).
    predecessor = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successor",
        verbose_name=_("previous edition"),
    )
    # Only a published concept has a public page (no sign-in); off until the
    # coordinator decides the plan may be shown.
    published = models.BooleanField(
        _("public page"),
        default=False,
        help_text=_("Shows fields, goals, published measures and answered ideas without sign-in."),
    )

    class Meta:
        verbose_name = _("integration concept")
        verbose_name_plural = _("integration concepts")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title


class FieldOfAction(VersionedModel):
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="fields", verbose_name=_("concept")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["concept", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "code"], name="field_code_unique_in_concept")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Goal(VersionedModel):
    """A goal of the city concept, or, with an area, of that area's district action
    plan; a district goal names the city goal it serves as its parent."""

    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="goals", verbose_name=_("concept")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    # Empty: the goal belongs to its parent's field (figures.goal_fields).
    field = models.ForeignKey(
        FieldOfAction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("field of action"),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent goal"),
    )
    area = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_goals",
        verbose_name=_("area (district action plan)"),
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["concept", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "code"], name="goal_code_unique_in_concept"),
            models.CheckConstraint(
                condition=Q(field__isnull=False) | Q(parent__isnull=False),
                name="goal_has_field_or_parent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Measure(VersionedModel):
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="measures", verbose_name=_("concept")
    )
    code = models.CharField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    goals = models.ManyToManyField(Goal, related_name="measures", verbose_name=_("goals"))
    lead = models.ForeignKey(
        "network.Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_measures",
        verbose_name=_("lead"),
    )
    partners = models.ManyToManyField(
        "network.Actor", blank=True, related_name="partner_measures", verbose_name=_("partners")
    )
    # Empty: city-wide.
    areas = models.ManyToManyField(
        "organisations.Area", blank=True, related_name="plan_measures", verbose_name=_("areas")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    planned_cost = models.DecimalField(
        _("planned cost (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.ForeignKey(
        "funding.FundingProgramme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="measures",
        verbose_name=_("funding programme"),
    )
    target_groups = models.TextField(
        _("target groups"), blank=True, help_text=_("One target group per line.")
    )
    # A draft is kept in the plan's pages for staff but never on the public page.
    draft = models.BooleanField(
        _("draft"), default=False, help_text=_("A draft is not shown on the public page.")
    )
    internal_note = models.TextField(
        _("internal note"), blank=True, help_text=_("For staff only; never shown publicly.")
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_into",
        verbose_name=_("carried over from"),
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["concept", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "code"], name="measure_code_unique_in_concept"
            ),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(planned_end__gte=models.F("starts_on")),
                name="measure_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(planned_cost__isnull=True) | Q(planned_cost__gte=0),
                name="measure_cost_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class IndicatorSource(models.TextChoices):
    """Where an indicator's value comes from: typed in, or an output Teilhabe already
    counts, for the measure's lead organisation or its areas (planning/indicator_values.py)."""

    MANUAL = "", _("entered by hand (no value read from data)")
    GROUP_ATTENDANCES = "gruppen_teilnahmen", _("group attendances of the lead organisation")
    PROGRAMME_FAMILIES = "programm_familien", _("families in the lead organisation's programmes")
    VOLUNTEERS = "freiwillige", _("volunteers of the lead organisation")
    # Not the lead's: every service's sessions with clients living in the measure's areas.
    AREA_SESSIONS = "beratungen_gebiete", _("counselling sessions in the measure's areas")


class Indicator(VersionedModel):
    """What a measure wants to change, with its baseline and the target for a year."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("measure")
    )
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    year = models.PositiveSmallIntegerField(_("target year"), null=True, blank=True)
    source = models.CharField(
        _("value from"), max_length=30, choices=IndicatorSource.choices, blank=True
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["measure", "name", "id"]

    def __str__(self) -> str:
        return self.name


class ProgressEntry(models.Model):
    """A dated entry of a measure's progress. Entries of the same date count in the
    order they were stored, which is the order of their ids (plan.md)."""

    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, related_name="progress", verbose_name=_("measure")
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, blank=True)
    stand = models.PositiveSmallIntegerField(_("degree of completion (%)"), null=True, blank=True)
    remark = models.TextField(_("remark"), blank=True)
    created_at = models.DateTimeField(_("stored at"), auto_now_add=True)
    # An optional attachment in the private document folder (documents/storage.py):
    # the random file id, the type its content has, its size and the uploaded name.
    attachment_id = models.CharField(_("attachment"), max_length=32, blank=True, editable=False)
    attachment_type = models.CharField(max_length=40, blank=True, editable=False)
    attachment_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    attachment_name = models.CharField(
        _("name of the attachment"), max_length=200, blank=True, editable=False
    )
    # Empty for entries that came with an imported plan file.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("progress entry")
        verbose_name_plural = _("progress entries")
        ordering = ["measure", "date", "id"]
        indexes = [models.Index(fields=["measure", "date"], name="progress_measure_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(stand__isnull=True) | Q(stand__lte=100), name="progress_stand_0_100"
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure.code} {self.date:%d.%m.%Y}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The plan on a past date must stay as it was: entries are added, never changed.
        if not self._state.adding:
            raise ValueError("Progress entries are only ever added, never changed.")
        super().save(*args, **kwargs)


# The runs of the plan import's upload page live in their own module (models.py stays short).
from teilhabe.planning.models_import import PlanImportRun  # noqa: E402, F401
