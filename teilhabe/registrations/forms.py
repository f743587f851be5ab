"""Forms of event registrations: the public form, the listing, the programme."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.models import Event
from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.core.languages import grouped_choices, language_name
from teilhabe.core.widgets import filterable_select
from teilhabe.registrations.models import MAX_PERSONS, Listing, ProgrammeItem, Registration
from teilhabe.registrations.services import REGISTRATION_FIELDS

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class RegistrationForm(KernModelForm):
    interpretation_language = forms.ChoiceField(
        label=_("I need interpretation into"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree that my details are stored for this event."
        ),
    )

    class Meta:
        model = Registration
        fields = list(REGISTRATION_FIELDS)
        labels = {
            "name": _("Your name"),
            "email": _("Your e-mail address"),
            "persons": _("Number of persons (you included)"),
            "childcare": _("We need childcare"),
            "accessibility": _("I need step-free access"),
            "note": _("Other needs"),
        }
        help_texts = {
            "email": _("The confirmation with a link to cancel is sent here."),
            "persons": _("At most %(max)s persons per registration.") % {"max": MAX_PERSONS},
        }
        widgets = {
            "note": forms.Textarea(attrs={"rows": 2}),
            "persons": forms.NumberInput(attrs={"min": 1, "max": MAX_PERSONS}),
        }

    def __init__(self, *args: Any, listing: Listing, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offered = list(listing.interpretation)
        field: Any = self.fields["interpretation_language"]
        if offered:
            field.choices = [
                ("", _("no interpretation")),
                *((code, language_name(code)) for code in offered),
            ]
        else:
            del self.fields["interpretation_language"]
        if not listing.childcare:
            del self.fields["childcare"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def registration_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            name: data.get(name, False if name == "childcare" else "")
            for name in (
                "name",
                "email",
                "persons",
                "interpretation_language",
                "childcare",
                "accessibility",
                "note",
            )
        }


class ListingForm(KernModelForm):
    event = forms.ModelChoiceField(queryset=Event.objects.none(), label=_("Event"))
    languages = forms.MultipleChoiceField(
        label=_("Languages of the event"),
        required=False,
        widget=filterable_select(multiple=True),
        help_text=_("Several languages: hold down the Ctrl key while clicking."),
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation offered into"),
        required=False,
        widget=filterable_select(multiple=True),
        help_text=_("Those who register can ask for one of these languages."),
    )
    version = VersionField(required=False)

    class Meta:
        model = Listing
        fields = [
            "capacity",
            "address",
            "accessibility",
            "languages",
            "interpretation",
            "childcare",
            "contact_email",
            "published",
            "registration_open",
        ]
        labels = {"published": _("Shown publicly (on the organisation's list and calendar feed)")}
        widgets = {"accessibility": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, events: QuerySet[Event] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held = tuple(self.instance.languages or ()) + tuple(self.instance.interpretation or ())
        for name in ("languages", "interpretation"):
            field: Any = self.fields[name]
            field.choices = grouped_choices(held)
        if events is None:
            del self.fields["event"]
        else:
            event_field: Any = self.fields["event"]
            event_field.queryset = events
        if self.instance.pk:
            self.initial["version"] = self.instance.version


class ProgrammeItemForm(KernModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["starts_at", "ends_at", "title", "speakers"]
        widgets = {"starts_at": TIME, "ends_at": TIME}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The end must be after the start."))
        return data


ProgrammeFormSet = inlineformset_factory(
    Listing, ProgrammeItem, form=ProgrammeItemForm, extra=2, can_delete=True, max_num=30
)


class CheckInForm(KernForm):
    walk_ins = forms.IntegerField(
        label=_("Persons present without registration"), min_value=0, max_value=5000, initial=0
    )
