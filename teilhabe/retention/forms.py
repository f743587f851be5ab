"""Forms of the deletion periods: the period per service, a legal hold's reason."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.organisations.models import Service
from teilhabe.retention.models import MAX_YEARS


class PeriodsForm(KernForm):
    """One field per service of the catalogue: years after the end of the closing year."""

    def __init__(self, data: Any, *, rows: list[tuple[Service, int]]) -> None:
        super().__init__(data)
        self.codes: dict[str, str] = {}
        for service, years in rows:
            name = f"dienst_{service.code}"
            self.codes[name] = service.code
            self.fields[name] = forms.IntegerField(
                label=f"{service.name} ({service.code})",
                min_value=1,
                max_value=MAX_YEARS,
                initial=years,
                help_text=_("Years after the end of the year in which the case was closed."),
            )

    def years_by_code(self) -> dict[str, int]:
        return {code: self.cleaned_data[name] for name, code in self.codes.items()}


class HoldForm(KernForm):
    grund = forms.CharField(
        label=_("Reason for keeping the case"),
        max_length=500,
        help_text=_("For example a pending court case or a funder's audit. Recorded."),
    )
