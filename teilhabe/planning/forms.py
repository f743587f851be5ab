"""Forms of the plan pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernModelForm, VersionField
from teilhabe.core.recorded_dates import is_ahead
from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.planning.models import (
    RESERVED_SLUGS,
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    Measure,
    ProgressEntry,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConceptForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Concept
        fields = ["slug", "title", "adopted_on", "period_start", "period_end", "published"]
        widgets = {"adopted_on": DATE, "period_start": DATE, "period_end": DATE}

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This short name is reserved; choose another."))
        return slug


class FieldForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = FieldOfAction
        fields = ["code", "title"]


class GoalForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Goal
        fields = ["code", "title", "field", "parent", "area"]
        help_texts = {
            "field": _("Empty: the goal belongs to the field of the goal it serves."),
            "parent": _("A district goal names the city goal it serves."),
            "area": _("Set for a goal of a district action plan; empty for the city concept."),
        }

    def __init__(self, *args: Any, concept: Concept, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = concept.fields.order_by("code")  # type: ignore[attr-defined]
        parents = concept.goals.order_by("code")
        if self.instance.pk is not None:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["area"].queryset = Area.objects.order_by("level", "code")  # type: ignore[attr-defined]


class MeasureForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Measure
        fields = [
            "code",
            "title",
            "description",
            "goals",
            "lead",
            "partners",
            "areas",
            "starts_on",
            "planned_end",
            "planned_cost",
            "funding",
            "target_groups",
            "draft",
            "internal_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "internal_note": forms.Textarea(attrs={"rows": 3}),
            "target_groups": forms.Textarea(attrs={"rows": 3}),
            "starts_on": DATE,
            "planned_end": DATE,
        }
        help_texts = {"areas": _("Empty: city-wide.")}
        # Decimal comma as German users write amounts (a text input, not type=number).
        localized_fields = ["planned_cost"]

    def __init__(self, *args: Any, concept: Concept, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = concept.goals.order_by("code")  # type: ignore[attr-defined]
        actors = Actor.objects.filter(is_active=True).order_by("name")
        self.fields["lead"].queryset = actors  # type: ignore[attr-defined]
        self.fields["partners"].queryset = actors  # type: ignore[attr-defined]
        self.fields["areas"].queryset = Area.objects.order_by("level", "code")  # type: ignore[attr-defined]
        self.fields["funding"].queryset = FundingProgramme.objects.order_by("code")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("planned_end")
        if starts and ends and ends < starts:
            self.add_error("planned_end", _("The planned end lies before the start."))
        cost = data.get("planned_cost")
        if cost is not None and cost < 0:
            self.add_error("planned_cost", _("The planned cost cannot be negative."))
        return data


class IndicatorForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "year", "source"]
        localized_fields = ["baseline", "target"]

    def clean_year(self) -> int | None:
        year: int | None = self.cleaned_data["year"]
        if year is not None and not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return year


class ProgressForm(KernModelForm):
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("Optional: a PDF file or a PNG or JPEG image, e.g. a report or a photo."),
    )

    class Meta:
        model = ProgressEntry
        fields = ["date", "status", "stand", "remark"]
        widgets = {"date": DATE, "remark": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "status": _("Empty: the status stays as it was."),
            "stand": _("0 to 100; empty: the degree of completion stays as it was."),
        }

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        if is_ahead(day):
            raise forms.ValidationError(_("The date lies too far in the future."))
        return day

    def clean_stand(self) -> int | None:
        stand: int | None = self.cleaned_data["stand"]
        if stand is not None and not 0 <= stand <= 100:
            raise forms.ValidationError(_("Enter a whole number from 0 to 100."))
        return stand
