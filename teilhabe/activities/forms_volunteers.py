"""Forms of the volunteer coordination."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.forms import DATE, OrganisationChoiceMixin
from teilhabe.activities.models import (
    Agreement,
    Engagement,
    Group,
    HoursEntry,
    TaskArea,
    Training,
    Volunteer,
)
from teilhabe.activities.services_volunteers import check_engagement
from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.organisations.models import Organisation


class VolunteerForm(OrganisationChoiceMixin, KernModelForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation")
    )
    version = VersionField(required=False)

    class Meta:
        model = Volunteer
        fields = [
            "first_name",
            "last_name",
            "email",
            "phone",
            "address",
            "languages",
            "consent_given_on",
            "consent_note",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "consent_given_on": DATE}

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_organisations(organisations, bool(self.instance.pk))
        if self.instance.pk:
            self.initial["version"] = self.instance.version

    def clean_consent_given_on(self) -> Any:
        given = self.cleaned_data.get("consent_given_on")
        if given and given > timezone.localdate():
            raise forms.ValidationError(_("The consent cannot be dated in the future."))
        return given


class EngagementForm(KernModelForm):
    class Meta:
        model = Engagement
        fields = ["task_area", "group", "leads_group", "starts_on", "ends_on", "note"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(*args, instance=Engagement(volunteer=volunteer), **kwargs)
        self.volunteer = volunteer
        task_area: Any = self.fields["task_area"]
        task_area.queryset = TaskArea.objects.filter(organisation_id=volunteer.organisation_id)
        group: Any = self.fields["group"]
        group.queryset = Group.objects.filter(
            organisation_id=volunteer.organisation_id, is_active=True
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        try:
            check_engagement(self.volunteer, **data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field if field in self.fields else None, message)
        return data


class HoursForm(KernForm):
    engagement = forms.ModelChoiceField(queryset=Engagement.objects.none(), label=_("Engagement"))
    period = forms.ChoiceField(
        choices=HoursEntry.Period.choices,
        label=_("Period"),
        widget=forms.RadioSelect,
        initial=HoursEntry.Period.MONTH,
    )
    date = forms.DateField(
        label=_("Date"), widget=DATE, help_text=_("For a month, any day of the month.")
    )
    # Localised: "12,5" as German users type it.
    hours = forms.DecimalField(
        label=_("Number of hours"),
        max_digits=6,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        engagement: Any = self.fields["engagement"]
        engagement.queryset = volunteer.engagements.select_related("task_area", "group")
        self.fields["date"].initial = timezone.localdate()


class AgreementForm(KernModelForm):
    class Meta:
        model = Agreement
        fields = ["signed_on", "valid_until", "document_note"]
        widgets = {"signed_on": DATE, "valid_until": DATE}
        help_texts = {"document_note": _("Where the signed agreement is filed.")}


class TrainingForm(KernModelForm):
    class Meta:
        model = Training
        fields = ["date", "title"]
        widgets = {"date": DATE}


class TaskAreaForm(KernModelForm):
    class Meta:
        model = TaskArea
        fields = ["name", "description"]

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, instance=TaskArea(organisation=organisation), **kwargs)

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        siblings = TaskArea.objects.filter(organisation=self.instance.organisation_id)
        if siblings.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("This task area exists already."))
        return name
