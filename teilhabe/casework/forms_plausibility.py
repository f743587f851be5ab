"""Warnings a user confirms on a form (casework/plausibility.py): the service's age
range. The confirmation fields stay hidden until a warning comes up; then the form shows
the warning above it (`warnings`, shown by core/forms/error_summary.html in a warning
box), a checkbox and a reason, and is valid once both are given. The view writes the
confirmation into the audit entry (`plausibility.record_confirmation`).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class AgeConfirmationMixin:
    """For a form that calls `add_age_fields()` in __init__ and `confirm_age(warnings)`
    in clean."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_age_fields(self) -> None:
        self.warnings: list[str] = []
        self.age_confirmation: dict[str, Any] | None = None
        self.fields["age_confirmed"] = forms.BooleanField(
            required=False,
            widget=forms.HiddenInput,
            label=gettext_lazy("I have checked the age and keep the entry."),
        )
        self.fields["age_reason"] = forms.CharField(
            required=False,
            max_length=500,
            widget=forms.HiddenInput,
            label=gettext_lazy("Reason for the exception"),
        )

    def confirm_age(self, warnings: list[str]) -> None:
        if not warnings:
            return
        self.warnings = warnings
        # shown from now on: the user answers the warning in the same form
        self.fields["age_confirmed"].widget = forms.CheckboxInput(
            attrs={"class": "kern-form-check__checkbox"}
        )
        self.fields["age_reason"].widget = forms.Textarea(
            attrs={"rows": 2, "class": "kern-form-input__input"}
        )
        confirmed = self.cleaned_data.get("age_confirmed")
        reason = (self.cleaned_data.get("age_reason") or "").strip()
        add_error: Any = getattr(self, "add_error")  # noqa: B009  (the form's, typed for mypy)
        if not confirmed:
            add_error(
                "age_confirmed",
                _("Please confirm that the entry is right, and give the reason."),
            )
        elif not reason:
            add_error("age_reason", _("Please give the reason for the exception."))
        else:
            self.age_confirmation = {"warnings": warnings, "reason": reason}
