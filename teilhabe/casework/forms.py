from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.forms_plausibility import AgeConfirmationMixin
from teilhabe.casework.models import Case, Goal, Person, Referral
from teilhabe.casework.models.codes import (
    AccessRoute,
    CaseKind,
    ClosingReason,
    GoalArea,
    GoalStatus,
    SessionForm,
    Topic,
)
from teilhabe.casework.plausibility import (
    case_age_warnings,
    closed_year,
    open_case_age_warnings,
    session_problems,
)
from teilhabe.core.countries import country_choices
from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.core.languages import grouped_choices, to_iso639_3
from teilhabe.core.widgets import filterable_select
from teilhabe.organisations.models import Organisation, Service

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _countries(blank: str) -> list[tuple[str, str]]:
    return [("", blank), *country_choices()]


class ClientSearchForm(KernForm):
    q = forms.CharField(label=_("Name, person or case number"), required=False)
    geburtsjahr = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )


class PersonForm(AgeConfirmationMixin, KernModelForm):
    first_nationality = forms.ChoiceField(label=_("Nationality"), required=False, choices=())
    second_nationality = forms.ChoiceField(
        label=_("Second nationality"), required=False, choices=()
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        help_text=_("Several languages: hold down the Ctrl key while clicking."),
        widget=filterable_select(multiple=True),
    )
    version = VersionField(required=False)

    class Meta:
        model = Person
        fields = [
            "first_name",
            "last_name",
            "gender",
            "birth_year",
            "country_of_origin",
            "country_of_birth",
            "legal_status",
            "district",
            "arrival_date",
            "school_qualification",
            "vocational_qualification",
            "phone",
            "email",
            "address",
        ]
        widgets = {"arrival_date": DATE, "address": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("first_nationality", "second_nationality"):
            self.fields[name].choices = _countries("–")  # type: ignore[attr-defined]
        for name in ("country_of_origin", "country_of_birth"):
            self.fields[name] = forms.ChoiceField(
                label=self.fields[name].label, required=False, choices=_countries("–")
            )
        self.fields["languages"].choices = grouped_choices(  # type: ignore[attr-defined]
            tuple(self.instance.languages) if self.instance.pk else ()
        )
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        if self.instance.pk:
            nationalities = [*self.instance.nationalities, "", ""]
            self.initial.update(
                first_nationality=nationalities[0],
                second_nationality=nationalities[1],
                languages=to_iso639_3(self.instance.languages),
                version=self.instance.version,
            )
        for name in ("country_of_origin", "country_of_birth"):
            self.fields[name].widget.attrs["class"] = "kern-form-input__select"
        self.add_age_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "birth_year" in self.changed_data and "birth_year" not in self.errors:
            # a changed year of birth against the age range of the client's open cases
            self.confirm_age(open_case_age_warnings(self.instance, data.get("birth_year")))
        return data

    def clean_languages(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["languages"]))

    def person_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["nationalities"] = [
            code
            for code in (
                self.cleaned_data["first_nationality"],
                self.cleaned_data["second_nationality"],
            )
            if code
        ]
        data["languages"] = self.cleaned_data["languages"]
        return data


class CaseForm(AgeConfirmationMixin, KernForm):
    service = forms.ModelChoiceField(queryset=Service.objects.none(), label=_("Service"))
    kind = forms.ChoiceField(choices=CaseKind.choices, label=_("Kind"))
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE)
    access_route = forms.ChoiceField(
        choices=[("", "–"), *AccessRoute.choices], required=False, label=_("Access route")
    )

    def __init__(
        self, *args: Any, services: Any = None, birth_year: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.birth_year = birth_year  # the client's, for the service's age range
        field: Any = self.fields["service"]
        field.queryset = services if services is not None else Service.objects.none()
        self.fields["opened_on"].initial = timezone.localdate()
        self.add_age_fields()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.confirm_age(
            case_age_warnings(data.get("service"), self.birth_year, data.get("opened_on"))
        )
        return data


class CloseCaseForm(KernForm):
    closed_on = forms.DateField(label=_("Closed on"), widget=DATE)
    closing_reason = forms.ChoiceField(choices=ClosingReason.choices, label=_("Reason"))


class SessionQuickForm(KernForm):
    date = forms.DateField(label=_("Date"), widget=DATE)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, required=False
    )
    form = forms.ChoiceField(
        choices=[("", "–"), *SessionForm.choices], required=False, label=_("Form")
    )
    topics = forms.MultipleChoiceField(
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Topics"),
    )
    present = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Also present"),
    )
    language = forms.ChoiceField(
        required=False, label=_("Language of the session"), choices=(), widget=filterable_select()
    )
    interpreter = forms.BooleanField(required=False, label=_("with interpreter"))
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note")
    )

    def __init__(
        self, *args: Any, household: Any = None, case: Any = None, user: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.notices: list[str] = []  # for the view to show once the entry is saved
        self.fields["date"].initial = timezone.localdate()
        if household is not None and household.exists():
            field: Any = self.fields["present"]
            field.queryset = household
        else:
            del self.fields["present"]  # nobody of the family to pick: no empty heading
        held = (str(self.initial.get("language") or ""),)  # a correction keeps an imported code
        self.fields["language"].choices = [("", "–"), *grouped_choices(held)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.case is not None:
            problems = session_problems(
                self.case, data.get("date"), data.get("topics"), data.get("duration_minutes")
            )
            for field, message in problems.items():
                self.add_error(field, message)
            _check_closed_year(self, "date")
        return data


def _check_closed_year(form: Any, field: str) -> None:
    """A counsellor may not record into a closed year; the team lead may, with a notice."""
    if form.case is None or form.user is None or field in form.errors:
        return
    closed = closed_year(form.case, form.cleaned_data.get(field), form.user)
    if closed is not None and closed.refused:
        form.add_error(field, closed.message)
    elif closed is not None:
        form.notices.append(closed.message)


class GoalForm(KernModelForm):
    class Meta:
        model = Goal
        fields = ["area", "text", "agreed_on", "review_on"]
        widgets = {"agreed_on": DATE, "review_on": DATE, "text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, case: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.notices: list[str] = []
        self.fields["area"].choices = GoalArea.choices  # type: ignore[attr-defined]
        self.fields["agreed_on"].initial = timezone.localdate()
        self.fields["text"].required = True  # a goal without its text is no plan

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_closed_year(self, "agreed_on")
        return data


class GoalCorrectionForm(KernModelForm):
    class Meta:
        model = Goal
        fields = ["area", "text", "review_on"]
        widgets = {"review_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = GoalArea.choices  # type: ignore[attr-defined]
        self.fields["text"].required = True


class GoalStatusForm(KernForm):
    status = forms.ChoiceField(choices=GoalStatus.choices, label=_("New status"))
    set_on = forms.DateField(label=_("Since"), widget=DATE)
    note = forms.CharField(required=False, label=_("Note"))

    def __init__(self, *args: Any, case: Any = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        self.notices: list[str] = []
        self.fields["set_on"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_closed_year(self, "set_on")  # a goal's status counts in the year's figures
        return data


class HandoverForm(KernForm):
    recipient = forms.ChoiceField(label=_("Hand over to"), choices=())
    kind = forms.ChoiceField(choices=Referral.Kind.choices, label=_("Kind of hand-over"))
    purpose = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=_("Purpose the client agreed to")
    )
    given_on = forms.DateField(label=_("Consent given on"), widget=DATE)
    explained_language = forms.ChoiceField(
        label=_("Consent explained in"), choices=(), widget=filterable_select()
    )
    refusal_explained = forms.BooleanField(
        label=_("The client was told that refusing has no disadvantage for the counselling.")
    )
    withdrawal_explained = forms.BooleanField(
        label=_("The client was told that the consent can be withdrawn at any time.")
    )
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note for the recipient")
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = []
        for organisation in Organisation.objects.filter(is_active=True).prefetch_related(
            "services"
        ):
            for service in organisation.services.filter(is_programme=False):
                if organisation.pk == case.organisation_id and service.pk == case.service_id:
                    continue
                options.append(
                    (f"{organisation.pk}:{service.pk}", f"{organisation.name} – {service.name}")
                )
        self.fields["recipient"].choices = [("", "–"), *options]  # type: ignore[attr-defined]
        self.fields["explained_language"].choices = grouped_choices()  # type: ignore[attr-defined]
        self.fields["explained_language"].initial = "deu"
        self.fields["given_on"].initial = timezone.localdate()

    def recipient_ids(self) -> tuple[int, int]:
        organisation, service = self.cleaned_data["recipient"].split(":")
        return int(organisation), int(service)


class CaseTeamForm(KernForm):
    """Who works on the case: the responsible counsellor, colleagues it is shared with,
    and the family members counselled with the client."""

    responsible: Any = forms.ModelChoiceField(
        queryset=Person.objects.none(), required=False, label=_("Responsible counsellor")
    )
    shared_with: Any = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Shared with colleagues"),
    )
    co_counselled: Any = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Co-counselled persons"),
    )

    def __init__(self, *args: Any, colleagues: Any, household: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        responsible: Any = self.fields["responsible"]
        shared: Any = self.fields["shared_with"]
        people: Any = self.fields["co_counselled"]
        responsible.queryset = colleagues
        shared.queryset = colleagues
        people.queryset = household
