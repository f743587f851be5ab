"""Forms of the household pages (views_households.py)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import HouseholdRelation
from teilhabe.casework.models.codes import Gender
from teilhabe.core.forms import KernForm, VersionField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
OLDEST = datetime.date(1900, 1, 1)


def relation_field(**kwargs: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Relation in the household"), choices=HouseholdRelation.choices, **kwargs
    )


class MemberRelationForm(KernForm):
    """The relation of a person joining the household: chosen, never a default."""

    relation = forms.ChoiceField(
        label=_("Relation in the household"),
        choices=[("", "–"), *HouseholdRelation.choices],
    )


class RelationForm(KernForm):
    """The relation of a member; the version the page showed (no lost update)."""

    relation = relation_field()
    version = VersionField(required=False)


class NewMemberForm(KernForm):
    """The few facts of a family member recorded with the client (more on the person's
    own page once the person becomes a client)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DATE)
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", "–"), *Gender.choices]
    )
    relation = relation_field(initial=HouseholdRelation.CHILD)

    def clean_birth_date(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data["birth_date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date of birth lies in the future."))
        if day and day < OLDEST:
            raise forms.ValidationError(_("Please check the date of birth."))
        return day

    def person_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "birth_date": data["birth_date"],
            "birth_year": data["birth_date"].year if data["birth_date"] else None,
            "gender": data["gender"],
        }


class PersonSearchForm(KernForm):
    q = forms.CharField(label=_("Name, person or case number"), required=False, max_length=200)
