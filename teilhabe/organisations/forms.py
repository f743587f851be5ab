from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, KernModelForm, VersionField
from teilhabe.organisations.models import Organisation


class OrganisationForm(KernModelForm):
    version = VersionField()

    class Meta:
        model = Organisation
        fields = ["name", "kind", "services", "address", "email", "phone", "is_active"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "address": forms.Textarea(attrs={"rows": 3}),
        }


class OrganisationFilterForm(KernForm):
    kind = forms.ChoiceField(
        choices=[("", _("all")), *Organisation.Kind.choices],
        required=False,
        label=_("Kind"),
    )


class AreaFilterForm(KernForm):
    on = forms.DateField(
        required=False,
        label=_("Valid on"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
