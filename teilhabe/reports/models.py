"""Closed years: the figures of a report stored as aggregates (see freeze.py)."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models.codes import CaseKind


class FrozenReport(models.Model):
    """The annual figures of one organisation's services for one year, as they were when
    the team lead closed the year. Later deletions of cases do not change them.

    The figures are kept as JSON text, not a JSONField: PostgreSQL's jsonb would reorder
    the keys, and the order of the shares (largest first) is part of the report.
    A reopened year keeps its row (with who reopened it, when and why); only a row
    without `reopened_at` counts.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    # Sorted service codes, comma-separated ("IKB,MBE"); kinds likewise, "" = all kinds.
    services = models.CharField(_("services"), max_length=200)
    kinds = models.CharField(_("case kinds"), max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    figures_json = models.TextField(editable=False)
    # Counts per service for the city-wide tables (statistics.py), before suppression;
    # only for reports over all case kinds.
    city_counts = models.JSONField(null=True, blank=True, editable=False)
    frozen_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("closed by"),
    )
    reopened_at = models.DateTimeField(_("reopened at"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reopened by"),
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("closed year")
        verbose_name_plural = _("closed years")
        ordering = ["-year", "services", "-frozen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "services", "kinds", "year"],
                condition=models.Q(reopened_at__isnull=True),
                name="frozen_report_one_per_scope_and_year",
            )
        ]

    def __str__(self) -> str:
        kinds = f" ({self.kinds})" if self.kinds else ""
        return f"{self.organisation} {self.services}{kinds} {self.year}"

    @property
    def figures(self) -> dict[str, Any]:
        figures: dict[str, Any] = json.loads(self.figures_json)
        return figures

    @property
    def service_codes(self) -> list[str]:
        return self.services.split(",") if self.services else []

    @property
    def kind_codes(self) -> list[str]:
        return self.kinds.split(",") if self.kinds else []

    @property
    def kind_labels(self) -> str:
        labels = dict(CaseKind.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.kind_codes)
