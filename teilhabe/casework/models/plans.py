"""Integration support plans: goals and their status history (never overwritten)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.casework.models.cases import Case
from teilhabe.casework.models.codes import GoalArea, GoalStatus


class Goal(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="goals", verbose_name=_("case")
    )
    external_id = models.CharField(_("goal number"), max_length=100, blank=True)
    area = models.CharField(pgettext_lazy("goal", "area"), max_length=30, choices=GoalArea.choices)
    text = models.TextField(_("goal"), blank=True)
    agreed_on = models.DateField(_("agreed on"))
    review_on = models.DateField(_("review on"), null=True, blank=True)
    # The current status, kept equal to the latest entry of the history.
    status = models.CharField(
        _("status"), max_length=30, choices=GoalStatus.choices, default=GoalStatus.IN_PROGRESS
    )
    status_on = models.DateField(_("status since"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["agreed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "external_id"],
                condition=~models.Q(external_id=""),
                name="goal_unique_external_id",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_area_display()}: {self.text[:60]}"


class GoalStatusChange(models.Model):
    """One entry of a goal's history. Entries are only ever added."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=30, choices=GoalStatus.choices)
    set_on = models.DateField(_("set on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal status change")
        verbose_name_plural = _("goal status changes")
        ordering = ["set_on", "pk"]
        indexes = [models.Index(fields=["goal", "set_on"])]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.set_on:%d.%m.%Y}"
