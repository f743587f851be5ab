"""Participation in the integration plan: events where residents bring in ideas (World
Café, Zukunftskonferenz, district conference) and the ideas collected there, each with
the city's answer (issue 11, item 8).

An event stores how many people took part by age band and by gender, never who: there
is no name, no contact and no link to a person anywhere in this app. An idea is what a
participant wrote on a card; its text is public participation input and appears on the
concept's public page once it is answered.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.core.versioning import VersionedModel


class EventKind(models.TextChoices):
    WORLD_CAFE = "world_cafe", _("World Café")
    FUTURE_CONFERENCE = "zukunftskonferenz", _("Future conference")
    DISTRICT_CONFERENCE = "stadtteilkonferenz", _("District conference")
    OTHER = "sonstige", pgettext_lazy("participation event", "Other")


# (field name, label) in the order the forms and pages show them.
AGE_BANDS = (
    ("under_18", _("under 18")),
    ("age_18_26", _("18 to 26")),
    ("age_27_64", _("27 to 64")),
    ("age_65_plus", _("65 and older")),
    ("age_unknown", _("age not given")),
)
GENDERS = (
    ("female", _("female")),
    ("male", _("male")),
    ("diverse", _("diverse")),
    ("gender_unknown", _("gender not given")),
)
AGE_FIELDS = tuple(name for name, _label in AGE_BANDS)
GENDER_FIELDS = tuple(name for name, _label in GENDERS)


def _sum(names: tuple[str, ...]) -> Any:
    total: Any = F(names[0])
    for name in names[1:]:
        total = total + F(name)
    return total


def _count(label: Any) -> models.PositiveIntegerField[int, int]:
    return models.PositiveIntegerField(label, default=0)


class ParticipationEvent(VersionedModel):
    concept = models.ForeignKey(
        "planning.Concept",
        on_delete=models.CASCADE,
        related_name="participation_events",
        verbose_name=_("concept"),
    )
    kind = models.CharField(_("kind of event"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    # Empty: the event concerned the whole city.
    area = models.ForeignKey(
        "organisations.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participation_events",
        verbose_name=pgettext_lazy("area of the city", "area"),
    )
    organisers = models.ManyToManyField(
        "network.Actor",
        blank=True,
        related_name="participation_events",
        verbose_name=_("organisers"),
    )
    under_18 = _count(_("under 18"))
    age_18_26 = _count(_("18 to 26"))
    age_27_64 = _count(_("27 to 64"))
    age_65_plus = _count(_("65 and older"))
    age_unknown = _count(_("age not given"))
    female = _count(_("female"))
    male = _count(_("male"))
    diverse = _count(_("diverse"))
    gender_unknown = _count(_("gender not given"))

    class Meta:
        verbose_name = _("participation event")
        verbose_name_plural = _("participation events")
        ordering = ["concept", "-date", "id"]
        constraints = [
            # Every participant is counted once by age band and once by gender.
            models.CheckConstraint(
                condition=Exact(_sum(AGE_FIELDS), _sum(GENDER_FIELDS)),
                name="participation_counts_add_up",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # Counts that do not add up are refused by services.count_problems (also in the
        # form) with a message naming both totals; the database check stays the last guard
        # and is not repeated here with its generic message.
        super().validate_constraints(exclude={*(exclude or ()), *AGE_FIELDS})

    @property
    def participants(self) -> int:
        return sum(getattr(self, name) for name in AGE_FIELDS)

    def age_counts(self) -> list[tuple[Any, int]]:
        return [(label, getattr(self, name)) for name, label in AGE_BANDS]

    def gender_counts(self) -> list[tuple[Any, int]]:
        return [(label, getattr(self, name)) for name, label in GENDERS]


class Answer(models.TextChoices):
    OPEN = "offen", pgettext_lazy("idea answer", "open")
    TAKEN_UP = "aufgegriffen", _("taken up as a measure")
    MERGED = "zusammengefuehrt", _("merged")
    NOT_TAKEN_UP = "nicht_aufgegriffen", _("not taken up")


# What each answer carries; the database refuses any other combination.
_NO_LINK = Q(measure__isnull=True, merged_into__isnull=True)
ANSWER_SHAPES = (
    Q(answer=Answer.OPEN) & _NO_LINK & Q(answered_on__isnull=True),
    Q(answer=Answer.TAKEN_UP, measure__isnull=False, merged_into__isnull=True),
    # Merged into another idea or into a measure that already exists: exactly one.
    Q(answer=Answer.MERGED)
    & (
        Q(measure__isnull=False, merged_into__isnull=True)
        | Q(measure__isnull=True, merged_into__isnull=False)
    ),
    Q(answer=Answer.NOT_TAKEN_UP) & _NO_LINK & ~Q(reason=""),
)


class AnswerFields(models.Model):
    """The fields of an answer, on the idea (the answer now) and on each entry of its
    history (every answer given, only ever added)."""

    answer = models.CharField(
        _("answer"), max_length=20, choices=Answer.choices, default=Answer.OPEN
    )
    # RESTRICT, not PROTECT: a measure cannot be deleted while an idea names it, but a
    # whole concept can, taking its measures, events and ideas along.
    measure = models.ForeignKey(
        "planning.Measure",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("measure"),
    )
    merged_into = models.ForeignKey(
        "participation.Idea",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("merged into the idea"),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required when the idea is not taken up; public.")
    )
    public_text = models.TextField(
        _("public answer"), blank=True, help_text=_("Shown on the public page with the idea.")
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        abstract = True


class Idea(VersionedModel, AnswerFields):
    event = models.ForeignKey(
        ParticipationEvent,
        on_delete=models.CASCADE,
        related_name="ideas",
        verbose_name=_("event"),
    )
    text = models.TextField(_("idea"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    field = models.ForeignKey(
        "planning.FieldOfAction",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="ideas",
        verbose_name=_("field of action"),
    )
    measure = models.ForeignKey(
        "planning.Measure",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="ideas",
        verbose_name=_("measure"),
    )
    merged_into = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="merged_ideas",
        verbose_name=_("merged into the idea"),
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["event", "id"]
        constraints = [
            models.CheckConstraint(
                condition=ANSWER_SHAPES[0] | ANSWER_SHAPES[1] | ANSWER_SHAPES[2] | ANSWER_SHAPES[3],
                name="idea_answer_shape",
            ),
            models.CheckConstraint(
                condition=Q(answer=Answer.OPEN) | Q(answered_on__isnull=False),
                name="idea_answer_dated",
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True) | ~Q(merged_into=F("pk")),
                name="idea_not_merged_into_itself",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class IdeaAnswer(AnswerFields):
    """One answer given to an idea, kept when a later answer replaces it."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="history", verbose_name=_("idea")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("answer to an idea")
        verbose_name_plural = _("answers to ideas")
        ordering = ["idea", "id"]

    def __str__(self) -> str:
        return f"{self.get_answer_display()} ({self.answered_on})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The history is what was answered when: entries are added, never changed.
        if not self._state.adding:
            raise ValueError("Answers to ideas are only ever added, never changed.")
        super().save(*args, **kwargs)
