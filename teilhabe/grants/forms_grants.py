"""Forms of a grant: the notice's terms, its template, payment requests and payments."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants.amounts import euro
from teilhabe.grants.forms_public import EuroField
from teilhabe.grants.grant_models import PaymentRequest


class RequestChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        day = timezone.localtime(obj.requested_at).date()
        return f"{day:%d.%m.%Y}: {euro(obj.amount)}"


def _date_field(label: Any, **kwargs: Any) -> forms.DateField:
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    return forms.DateField(label=label, widget=widget, **kwargs)


class NoticeForm(KernForm):
    purpose = forms.CharField(
        label=_("Purpose of the grant"), widget=forms.Textarea(attrs={"rows": 3})
    )
    starts_on = _date_field(_("Period from"))
    ends_on = _date_field(_("Period to"))
    proof_due_on = _date_field(
        _("Proof of use due on"), help_text=_("Usually six months after the end of the period.")
    )
    conditions = forms.CharField(
        label=_("Further conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The ANBest-P apply to every grant; add what applies to this one only."),
    )


class NoticeTemplateForm(KernForm):
    body = forms.CharField(
        label=_("Text of the grant notice"),
        widget=forms.Textarea(attrs={"rows": 24}),
        max_length=20000,
    )


class PaymentRequestForm(KernForm):
    amount = EuroField(label=_("Amount requested"))
    note = forms.CharField(
        label=_("Note"),
        max_length=300,
        required=False,
        help_text=_("For example what the money is needed for in the next two months."),
    )


class PaymentForm(KernForm):
    amount = EuroField(label=_("Amount paid"))
    paid_on = _date_field(_("Paid on"))
    request = RequestChoice(
        label=_("For the payment request"),
        queryset=PaymentRequest.objects.none(),
        required=False,
        empty_label=_("none (payment without a request)"),
    )

    def __init__(self, *args: Any, requests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["request"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = requests


class RefusalForm(KernForm):
    request = RequestChoice(
        label=_("Payment request"), queryset=PaymentRequest.objects.none(), empty_label=None
    )
    answer = forms.CharField(label=_("Reason"), max_length=300)

    def __init__(self, *args: Any, requests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["request"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = requests
