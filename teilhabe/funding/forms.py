"""Forms of the funding pages, rendered with KERN's markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.funding.models import Fund, FundingProgramme, ProgrammeDependency, StaffPost
from teilhabe.organisations.models import Area, Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProgrammeForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = FundingProgramme
        fields = [
            "code",
            "title",
            "funder",
            "amount_per_year",
            "starts_on",
            "ends_on",
            "legal_basis",
            "contact",
            "notes",
        ]
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            "contact": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"contact": _("Business contact only: office, name, phone, e-mail.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end of funding lies before its start."))
        return data


class DependantForm(KernModelForm):
    class Meta:
        model = ProgrammeDependency
        fields = ["kind", "label", "organisation", "service", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)  # type: ignore[attr-defined]


class StaffPostForm(KernModelForm):
    class Meta:
        model = StaffPost
        fields = ["title", "organisation", "service", "hours_per_week"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["hours_per_week"].min_value = 0  # type: ignore[attr-defined]

    def clean_hours_per_week(self) -> Any:
        hours = self.cleaned_data["hours_per_week"]
        if hours is not None and not 0 < hours <= 60:
            raise forms.ValidationError(_("Enter the hours of the post: more than 0, at most 60."))
        return hours


class FundForm(KernModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Fund
        fields = ["name", "kind", "programme", "area", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(level__gte=1)  # type: ignore[attr-defined]


class BudgetForm(KernForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    amount = forms.DecimalField(
        label=_("Budget (EUR)"), min_value=0, max_digits=14, decimal_places=2, localize=True
    )
