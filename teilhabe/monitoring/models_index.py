"""The configuration of a status and dynamics index (issue 13, item 7), like Berlin's
Monitoring Soziale Stadtentwicklung: chosen indicators with direction and weight,
the level of areas compared, a reference date and optionally a comparison date, and
the class limits. Only the configuration is stored; results are computed when read
(`index.py`), so that a re-imported reference date can never leave a stale result
behind, and every result is printed with the method sheet generated from this
configuration and the data dates it was computed from.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from teilhabe.core.versioning import VersionedModel

MIN_RESIDENTS = 300  # MSS: planning areas with fewer residents are left out


class IndexConfig(VersionedModel):
    title = models.CharField(_("title"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level of the area hierarchy"))
    stichtag = models.DateField(_("reference date"))
    comparison = models.DateField(_("comparison date"), null=True, blank=True)
    # Ascending class limits of the index value, e.g. [-1, 1] or MSS's [-1, 1, 1.5].
    limits = models.JSONField(_("class limits"), default=list)
    # One label per class (len(limits) + 1); empty: the ranges are the labels.
    labels = models.JSONField(_("class labels"), default=list, blank=True)
    min_residents = models.PositiveIntegerField(
        _("minimum residents of an area"), default=MIN_RESIDENTS
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("index")
        verbose_name_plural = _("indices")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class IndexIndicator(models.Model):
    """One indicator of an index (a code of `figures.indicators()`)."""

    class Direction(models.IntegerChoices):
        MORE_NEED = 1, _("a higher value means more need")
        LESS_NEED = -1, _("a higher value means less need")

    config = models.ForeignKey(IndexConfig, on_delete=models.CASCADE, related_name="components")
    indicator = models.CharField(_("indicator"), max_length=40)
    direction = models.SmallIntegerField(_("direction"), choices=Direction.choices)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)

    class Meta:
        verbose_name = _("indicator of an index")
        verbose_name_plural = _("indicators of an index")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["config", "indicator"], name="monitoring_index_indicator_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="monitoring_index_weight_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ({self.direction:+d} × {self.weight})"
