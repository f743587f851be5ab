"""The filters of the annual report page (a GET form; the exports take the same)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models.codes import CaseKind
from teilhabe.core.forms import KernForm
from teilhabe.reports.selectors import ReportOption

FIRST_YEAR = 2000
ALL = "alle"


def default_year() -> int:
    return timezone.localdate().year - 1


class AnnualReportForm(KernForm):
    jahr = forms.TypedChoiceField(label=_("Year"), coerce=int)
    organisation = forms.ChoiceField(label=_("Organisation"))
    dienst = forms.MultipleChoiceField(
        label=_("Services"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one service."),
            "invalid_choice": _("%(value)s is not a service you can report on here."),
        },
    )
    art = forms.ChoiceField(
        label=_("Kind of case"), choices=[(ALL, _("all cases")), *CaseKind.choices]
    )

    def __init__(self, data: Any, *, options: dict[str, ReportOption], chosen: str) -> None:
        super().__init__(data)
        this_year = timezone.localdate().year
        self.fields["jahr"].choices = [  # type: ignore[attr-defined]
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["organisation"].choices = [  # type: ignore[attr-defined]
            (slug, option.organisation.name) for slug, option in options.items()
        ]
        self.fields["dienst"].choices = [  # type: ignore[attr-defined]
            (service.code, f"{service.name} ({service.code})")
            for service in options[chosen].services
        ]

    @staticmethod
    def defaults(slug: str, option: ReportOption) -> MultiValueDict[str, str]:
        """The report shown before any filter is chosen: last year, every service."""
        return MultiValueDict(
            {
                "jahr": [str(default_year())],
                "organisation": [slug],
                "dienst": [service.code for service in option.services],
                "art": [ALL],
            }
        )
