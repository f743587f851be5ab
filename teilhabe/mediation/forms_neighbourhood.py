"""Forms of outreach contacts and neighbourhood conflicts: no field for a name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernModelForm
from teilhabe.core.languages import grouped_choices
from teilhabe.core.widgets import filterable_select
from teilhabe.mediation.models_neighbourhood import ConflictEntry, OutreachContact, Partner

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConflictForm(KernModelForm):
    partners = forms.MultipleChoiceField(
        label=_("Partners involved"),
        choices=Partner.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ConflictEntry
        fields = [
            "occurred_on",
            "district",
            "area",
            "kind",
            "preventive",
            "parties",
            "partners",
            "steps",
            "outcome",
            "follow_up_on",
        ]
        widgets = {
            "occurred_on": DATE,
            "follow_up_on": DATE,
            "parties": forms.Textarea(attrs={"rows": 2}),
            "steps": forms.Textarea(attrs={"rows": 3}),
        }


class OutreachForm(KernModelForm):
    language = forms.ChoiceField(label=_("Language"), required=False, widget=filterable_select())

    class Meta:
        model = OutreachContact
        fields = ["date", "place", "district", "language", "topic", "persons"]
        widgets = {"date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[Any] = [("", "–"), *grouped_choices()]
        self.fields["language"].choices = choices  # type: ignore[attr-defined]
