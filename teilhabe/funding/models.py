"""Funding programmes: who funds what, how much a year, and until when.

A programme sits below the plan (a measure names its programme; the plan report lists
the programmes that end, shared/CITY-LEVEL.md), so this app imports none of the apps
that use it. Issue 12 adds funds, budgets and the registry of what depends on a
programme.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class FundingProgramme(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    amount_per_year = models.DecimalField(
        _("amount per year (EUR)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end of funding"), null=True, blank=True)

    class Meta:
        verbose_name = _("funding programme")
        verbose_name_plural = _("funding programmes")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="funding_programme_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(amount_per_year__isnull=True) | Q(amount_per_year__gte=0),
                name="funding_programme_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"
