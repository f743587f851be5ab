"""Forms of mediation: the pool, the requesting bodies, requests, cancellation and
completion. Languages are ISO 639-3 codes from the shared list and picker."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.accounts.models import User
from teilhabe.activities.models import Volunteer
from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.core.languages import grouped_choices
from teilhabe.core.widgets import filterable_select
from teilhabe.funding.models import FundingProgramme
from teilhabe.mediation.models import (
    MediationRequest,
    Mediator,
    Modality,
    RequestingBody,
    Side,
    Subject,
)
from teilhabe.organisations.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MediatorForm(KernModelForm):
    version = VersionField(required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages and dialects"),
        widget=filterable_select(multiple=True),
        help_text=_("Several languages: hold down the Ctrl key while clicking."),
    )
    subjects = forms.MultipleChoiceField(
        label=_("Subject areas"),
        choices=Subject.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    modalities = forms.MultipleChoiceField(
        label=_("Modalities"), choices=Modality.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Mediator
        fields = [
            "organisation",
            "first_name",
            "last_name",
            "kind",
            "languages",
            "subjects",
            "modalities",
            "qualification",
            "weekly_hours",
            "gender",
            "district",
            "user",
            "volunteer",
            "is_active",
        ]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        held = tuple(self.instance.languages) if self.instance.pk else ()
        self.fields["languages"].choices = grouped_choices(held)  # type: ignore[attr-defined]
        organisation_field: Any = self.fields["organisation"]
        organisation_field.queryset = organisations
        user_field: Any = self.fields["user"]
        user_field.queryset = User.objects.filter(
            memberships__organisation__in=organisations
        ).distinct()
        user_field.help_text = _("The sign-in with which the mediator sees their assignments.")
        volunteer_field: Any = self.fields["volunteer"]
        volunteer_field.queryset = Volunteer.objects.filter(
            organisation__in=organisations, anonymised_at=None
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version


class BodyForm(KernModelForm):
    class Meta:
        model = RequestingBody
        fields = ["organisation", "name", "district", "is_active"]

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field: Any = self.fields["organisation"]
        organisation_field.queryset = organisations


REQUEST_FIELDS = [
    "requesting_person",
    "language",
    "dialect_note",
    "subject",
    "date",
    "starts_at",
    "duration_minutes",
    "modality",
    "place",
    "district",
    "family_reference",
    "gender_wish",
    "note",
]


class RequestForm(KernModelForm):
    """The request of a body. No field asks for the client: a family reference number
    is enough for the pool to send the same mediator again."""

    language = forms.ChoiceField(label=_("Language"), widget=filterable_select())

    class Meta:
        model = MediationRequest
        fields = REQUEST_FIELDS
        widgets = {"date": DATE, "starts_at": TIME, "note": forms.Textarea(attrs={"rows": 2})}
        help_texts = {
            "place": _("Address of the office or school; for phone or video leave it empty."),
            "note": _("Nothing that identifies the client."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = grouped_choices()  # type: ignore[attr-defined]
        # Empty is allowed for phone and video only: the label must not say "optional".
        self.fields["place"].required_when = _("required for appointments in person")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("date")
        if day is not None and not self.instance.pk and day < timezone.localdate():
            self.add_error("date", _("A new request cannot lie in the past."))
        if data.get("modality") == Modality.IN_PERSON and not data.get("place"):
            self.add_error("place", _("Please give the place of an appointment in person."))
        return data


class StaffRequestForm(RequestForm):
    body = forms.ModelChoiceField(
        label=_("Requesting body"), queryset=RequestingBody.objects.none()
    )

    class Meta(RequestForm.Meta):
        fields = ["body", *REQUEST_FIELDS]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        body_field: Any = self.fields["body"]
        body_field.queryset = RequestingBody.objects.filter(
            is_active=True, organisation__mediators__is_active=True
        ).distinct()


class CancelForm(KernForm):
    side = forms.ChoiceField(
        label=_("Who cancels"),
        choices=[(Side.REQUESTER, Side.REQUESTER.label), (Side.MEDIATOR, Side.MEDIATOR.label)],
    )
    reason = forms.CharField(label=_("Reason for the cancellation"), max_length=300)


class ReasonForm(KernForm):
    reason = forms.CharField(label=_("Reason for the cancellation"), max_length=300)


class CompleteForm(KernForm):
    minutes_spent = forms.IntegerField(label=_("Time spent (minutes)"), min_value=0, max_value=720)
    travel_minutes = forms.IntegerField(
        label=_("Travel time (minutes)"), min_value=0, max_value=600, initial=0
    )
    travel_km = forms.DecimalField(
        label=_("Travel (km)"), min_value=0, max_value=1000, decimal_places=1, initial=0
    )
    modality = forms.ChoiceField(label=_("Modality"), choices=Modality.choices)
    programme = forms.ModelChoiceField(
        label=_("Funding programme"),
        queryset=FundingProgramme.objects.all(),
        required=False,
        help_text=_("The programme the allowance is booked against."),
    )
    no_show = forms.BooleanField(label=_("The client did not come"), required=False)
