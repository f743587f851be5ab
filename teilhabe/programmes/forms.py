"""Forms of the programme pages, rendered with the KERN markup (core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Person
from teilhabe.casework.models.codes import Gender
from teilhabe.core.countries import country_choices
from teilhabe.core.forms import KernForm, VersionField
from teilhabe.core.languages import grouped_choices
from teilhabe.core.recorded_dates import is_ahead
from teilhabe.core.widgets import filterable_select
from teilhabe.programmes.models import MAX_VISIT_MINUTES, EarlyEndReason, EndKind, Programme

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _user_field(label: Any, required: bool = False) -> Any:
    from django.contrib.auth import get_user_model

    return forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), required=required, label=label, empty_label="–"
    )


class ProgrammeForm(KernForm):
    offer = forms.ChoiceField(label=_("Organisation and service"), choices=())
    name = forms.CharField(label=_("Name"), max_length=200)
    duration_months = forms.IntegerField(
        label=_("Planned duration in months"), min_value=1, max_value=120, initial=24
    )
    material_units = forms.IntegerField(
        label=_("Material units"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Number of units of the programme's material; empty if not numbered."),
    )
    is_active = forms.BooleanField(label=_("Takes new families"), required=False, initial=True)
    version = VersionField(required=False)

    def __init__(self, *args: Any, offers: list[tuple[str, str]] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if offers is None:  # editing: organisation and service stay as they are
            del self.fields["offer"]
        else:
            self.fields["offer"].choices = [("", "–"), *offers]  # type: ignore[attr-defined]

    def offer_ids(self) -> tuple[int, int]:
        organisation, service = self.cleaned_data["offer"].split(":")
        return int(organisation), int(service)


class FamilySearchForm(KernForm):
    q = forms.CharField(label=_("Name of a family member"), required=False, max_length=100)


class EnrolForm(KernForm):
    """Enrolment of a known family (a person picked from the search) or of a new one."""

    person = forms.TypedChoiceField(
        label=_("Family found"),
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=(),
    )
    first_name = forms.CharField(label=_("First name"), required=False, max_length=150)
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=150)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", "–"), *Gender.choices]
    )
    birth_year = forms.IntegerField(
        label=_("Year of birth"), required=False, min_value=1900, max_value=2100
    )
    country_of_origin = forms.ChoiceField(label=_("Country of origin"), required=False, choices=())
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        help_text=_("Several languages: hold down the Ctrl key while clicking."),
        widget=filterable_select(multiple=True),
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=50)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    child_first_name = forms.CharField(label=_("Child's first name"), required=False)
    child_birth_year = forms.IntegerField(
        label=_("Child's year of birth"), required=False, min_value=1990, max_value=2100
    )
    start_date = forms.DateField(label=_("Start"), widget=DATE)
    planned_end = forms.DateField(
        label=_("Planned end"),
        required=False,
        widget=DATE,
        help_text=_("Empty: the start plus the programme's planned duration."),
    )
    home_visitor = _user_field(_("Home visitor"))
    coordinator = _user_field(_("Coordinator"))

    NEW_FAMILY_FIELDS = (
        "first_name",
        "last_name",
        "gender",
        "birth_year",
        "country_of_origin",
        "languages",
        "phone",
        "address",
        "child_first_name",
        "child_birth_year",
    )

    def __init__(self, *args: Any, found: list[tuple[int, str]], staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if found:
            self.fields["person"].choices = found  # type: ignore[attr-defined]
        else:
            del self.fields["person"]
        self.fields["country_of_origin"].choices = [("", "–"), *country_choices()]  # type: ignore[attr-defined]
        self.fields["languages"].choices = grouped_choices()  # type: ignore[attr-defined]
        for name in ("home_visitor", "coordinator"):
            field: Any = self.fields[name]
            field.queryset = staff
        self.fields["start_date"].initial = timezone.localdate()

    def clean_languages(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["languages"]))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person"):
            return data
        for name in ("first_name", "last_name"):
            if not (data.get(name) or "").strip():
                self.add_error(
                    name,
                    _("Please pick a family found above or enter the new family's contact person."),
                )
        start, planned = data.get("start_date"), data.get("planned_end")
        if start and planned and planned < start:
            self.add_error("planned_end", _("The planned end cannot lie before the start."))
        return data

    @property
    def has_found(self) -> bool:
        return "person" in self.fields

    def new_family_fields(self) -> list[Any]:
        return [self[name] for name in self.NEW_FAMILY_FIELDS]

    def new_family_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.NEW_FAMILY_FIELDS}


class HomeVisitForm(KernForm):
    date = forms.DateField(label=_("Date"), widget=DATE)
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=MAX_VISIT_MINUTES, initial=45
    )
    visitor = _user_field(_("Home visitor"))
    material_unit = forms.IntegerField(
        label=_("Material unit covered"), required=False, min_value=1
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["visitor"]
        field.queryset = staff
        self.fields["date"].initial = timezone.localdate()

    def clean_date(self) -> Any:
        # before the start of the participation: HomeVisit.clean
        day = self.cleaned_data["date"]
        if is_ahead(day):
            raise forms.ValidationError(
                _("A home visit is recorded after it took place; the date lies in the future.")
            )
        return day


class EndForm(KernForm):
    end_date = forms.DateField(label=_("Last day in the programme"), widget=DATE)
    end_kind = forms.ChoiceField(
        label=_("How did the participation end?"),
        choices=EndKind.choices,
        widget=forms.RadioSelect,
    )
    end_reason = forms.ChoiceField(
        label=_("Reason for the early end"),
        required=False,
        help_text=_("Needed for an early end."),
        choices=[("", "–"), *EarlyEndReason.choices],
    )
    end_reason_text = forms.CharField(
        label=_("Other reason"),
        required=False,
        max_length=300,
        help_text=_("Only for the reason “other reason”."),
    )
    version = VersionField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if is_ahead(data.get("end_date")):
            self.add_error(
                "end_date",
                _("A participation is ended once it has ended; the date lies in the future."),
            )
        if data.get("end_kind") == EndKind.EARLY:
            if not data.get("end_reason"):
                self.add_error("end_reason", _("An early end needs a reason."))
            elif (
                data["end_reason"] == EarlyEndReason.OTHER
                and not data.get("end_reason_text", "").strip()
            ):
                self.add_error("end_reason_text", _("Please describe the other reason."))
        return data


class ChangeProgrammeForm(KernForm):
    target: Any = forms.ModelChoiceField(
        queryset=Programme.objects.none(), label=_("New programme")
    )
    start_date = forms.DateField(label=_("Start in the new programme"), widget=DATE)
    old_end_kind = forms.ChoiceField(
        label=_("The participation in the current programme"),
        choices=[
            (EndKind.EARLY.value, _("ends early because of the change of programme")),
            (EndKind.REGULAR.value, _("was completed regularly")),
        ],
        initial=EndKind.EARLY.value,
        widget=forms.RadioSelect,
    )
    home_visitor = _user_field(_("Home visitor in the new programme"))
    version = VersionField()

    def __init__(self, *args: Any, targets: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target: Any = self.fields["target"]
        target.queryset = targets
        visitor: Any = self.fields["home_visitor"]
        visitor.queryset = staff
        self.fields["start_date"].initial = timezone.localdate()


class EnrolmentEditForm(KernForm):
    contact_person: Any = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Contact person"),
        empty_label="–",
    )
    planned_end = forms.DateField(label=_("Planned end"), required=False, widget=DATE)
    home_visitor = _user_field(_("Home visitor"))
    coordinator = _user_field(_("Coordinator"))
    version = VersionField()

    def __init__(self, *args: Any, members: Any, staff: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        contact: Any = self.fields["contact_person"]
        contact.queryset = members
        for name in ("home_visitor", "coordinator"):
            field: Any = self.fields[name]
            field.queryset = staff
