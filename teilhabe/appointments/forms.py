"""Forms of appointments and reminders, with the plausibility checks of rules.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.appointments import rules
from teilhabe.appointments.models import Appointment, Modality, Reminder
from teilhabe.core.forms import KernModelForm, VersionField
from teilhabe.core.languages import grouped_choices
from teilhabe.core.widgets import filterable_select

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _mediation_languages() -> list[tuple[str, Any]]:
    """No mediation, then the languages frequent in counselling, then all others (ISO
    639-3: "prs" is Dari)."""
    return [("", str(_("no mediation"))), *grouped_choices()]


class AppointmentForm(KernModelForm):
    version = VersionField()
    mediator_language = forms.ChoiceField(
        label=_("Language of the mediation"),
        choices=_mediation_languages,
        required=False,
        widget=filterable_select(),
        help_text=_("Book a language mediator or interpreter for this language."),
    )

    class Meta:
        model = Appointment
        fields = [
            "date",
            "starts_at",
            "ends_at",
            "modality",
            "place",
            "counsellor",
            "mediator_language",
            "mediator_name",
            "note",
        ]
        widgets = {
            "date": DATE,
            "starts_at": TIME,
            "ends_at": TIME,
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"place": _("For example the room; for a home visit leave it empty.")}

    def __init__(self, *args: Any, case: Any, counsellors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        self.fields["modality"].choices = Modality.choices  # type: ignore[attr-defined]
        counsellor: Any = self.fields["counsellor"]
        counsellor.queryset = counsellors
        counsellor.required = True
        counsellor.empty_label = None
        if self.instance.pk is None:
            self.fields["date"].initial = timezone.localdate()
            self.fields["version"].required = False
            self.fields["version"].initial = 1
        else:
            self.fields["version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = rules.appointment_problems(
            self.case, data.get("date"), data.get("starts_at"), data.get("ends_at")
        )
        if data.get("mediator_name") and not data.get("mediator_language"):
            problems["mediator_language"] = str(
                _("Choose the language the mediator or interpreter translates.")
            )
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data


class ReminderForm(KernModelForm):
    class Meta:
        model = Reminder
        fields = ["due_on", "text", "goal"]
        widgets = {"due_on": DATE}

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        goal: Any = self.fields["goal"]
        goal.queryset = case.goals.all()
        goal.empty_label = _("the whole case")
        goal.label = _("Concerns")
        goal.label_from_instance = lambda item: item.text[:80] or item.get_area_display()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for field, message in rules.reminder_problems(self.case, data.get("due_on")).items():
            if field not in self.errors:
                self.add_error(field, message)
        return data
