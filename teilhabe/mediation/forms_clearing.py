"""Forms of the clearing: the QM counsellor's record and the case manager's decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from teilhabe.casework.models import Referral
from teilhabe.core.forms import KernForm, KernModelForm
from teilhabe.mediation.models import Mediator
from teilhabe.mediation.models_clearing import ClearingCriterion


class ReferralChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        case = obj.source_case
        return (
            f"{case} – {case.client.first_name} {case.client.last_name} → {obj.consent.recipient}"
        )


class ClearingForm(KernForm):
    referral = ReferralChoice(
        label=_("Hand-over to case management"),
        queryset=Referral.objects.none(),
        help_text=_("Propose the hand-over with the client's consent in the case first."),
    )
    criteria = forms.ModelMultipleChoiceField(
        label=_("Life areas with problems"),
        queryset=ClearingCriterion.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    assessment = forms.CharField(
        label=pgettext_lazy("clearing", "Assessment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("Why case management: the problems and how they connect."),
    )
    mediator = forms.ModelChoiceField(
        label=_("Accompanying mediator"),
        queryset=Mediator.objects.filter(is_active=True),
        required=False,
    )

    def __init__(self, *args: Any, referrals: QuerySet[Referral], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        referral_field: Any = self.fields["referral"]
        referral_field.queryset = referrals


class DecisionForm(KernForm):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[
            ("annehmen", _("Accept into case management")),
            ("zurueck", _("Return with a recommendation")),
        ],
        widget=forms.RadioSelect,
    )
    recommendation = forms.CharField(
        label=_("Recommendation"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("When returning: what would help the person instead."),
    )


class CriterionForm(KernModelForm):
    class Meta:
        model = ClearingCriterion
        fields = ["code", "label", "order", "is_active"]
        help_texts = {"code": _("Short, lower case, without spaces; it cannot be changed later.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # the code is what exports and figures keep: renaming is done by the label
            self.fields["code"].disabled = True
