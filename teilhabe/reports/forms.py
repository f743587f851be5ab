"""The filters of the annual report page (a GET form; the exports take the same)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
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


def year_choices() -> list[tuple[int, str]]:
    """This year back to FIRST_YEAR, newest first."""
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


def organisation_choices(options: dict[str, ReportOption]) -> list[tuple[str, str]]:
    return [(slug, option.organisation.name) for slug, option in options.items()]


def downloads(url_name: str) -> list[tuple[str, str, str]]:
    """(format, label, URL) of a report's exports, for reports/_downloads.html."""
    labels = (("pdf", "PDF"), ("xlsx", _("Excel (XLSX)")), ("csv", "CSV"), ("json", "JSON"))
    return [(fmt, str(label), reverse(url_name, kwargs={"fmt": fmt})) for fmt, label in labels]


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
        self.fields["jahr"].choices = year_choices()  # type: ignore[attr-defined]
        self.fields["organisation"].choices = organisation_choices(options)  # type: ignore[attr-defined]
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
