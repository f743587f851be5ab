"""Forms of the staff's application pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants.application_models import Assessment
from teilhabe.grants.forms_public import EuroField
from teilhabe.network.models import Actor, Meeting


class CompletenessForm(KernForm):
    complete = forms.TypedChoiceField(
        label=_("Result of the check"),
        choices=[("1", _("complete")), ("0", _("documents missing"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    applicant_actor = forms.ModelChoiceField(
        label=_("Applicant in the network"),
        queryset=Actor.objects.filter(is_active=True),
        required=False,
        help_text=_("Needed to flag board members with an interest in the applicant."),
    )


class AssessmentForm(KernForm):
    content = forms.CharField(label=_("Assessment of the content"), widget=forms.Textarea)
    calculation = forms.CharField(label=_("Assessment of the calculation"), widget=forms.Textarea)
    eligible_costs = EuroField(label=_("Eligible costs"))
    recommendation = forms.ChoiceField(
        label=_("Recommendation"), choices=Assessment.Recommendation.choices
    )
    recommended_amount = EuroField(label=_("Amount recommended"))


class AgendaForm(KernForm):
    meeting = forms.ModelChoiceField(label=_("Board meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meetings
