"""The public application form: no account, German amounts, a finance plan that must
balance before it can be submitted. A refused form comes back with everything typed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.funding.models import Fund
from teilhabe.grants.amounts import parse_euro
from teilhabe.grants.applications import balance_problem
from teilhabe.planning.models import FieldOfAction, Measure

COST_LINES = 6
AMOUNT_HINT = _("In euros, like 1.234,50.")


class EuroField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", AMOUNT_HINT)
        super().__init__(**kwargs)
        self.widget.attrs["inputmode"] = "decimal"

    def clean(self, value: Any) -> Decimal | None:
        text = super().clean(value)
        return parse_euro(text) if text else None


class ApplicationForm(KernForm):
    organisation_name = forms.CharField(label=_("Applicant organisation"), max_length=200)
    organisation_address = forms.CharField(
        label=_("Address of the organisation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_email = forms.EmailField(
        label=_("E-mail"), help_text=_("The link to your application is sent to this address.")
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    title = forms.CharField(label=_("Project title"), max_length=300)
    description = forms.CharField(
        label=_("Project description"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    measure = forms.ModelChoiceField(
        label=_("Measure of the integration plan"), queryset=Measure.objects.all(), required=False
    )
    field_of_action = forms.ModelChoiceField(
        label=_("Field of action"), queryset=FieldOfAction.objects.all(), required=False
    )
    own_contribution = EuroField(label=_("Own contribution"), required=False)
    requested = EuroField(label=_("Amount requested"), required=False)

    def __init__(self, *args: Any, submitting: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for n in range(1, COST_LINES + 1):
            self.fields[f"cost_label_{n}"] = forms.CharField(
                label=_("Cost item %(n)s") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"cost_amount_{n}"] = EuroField(
                label=_("Amount of cost item %(n)s") % {"n": n}, required=False
            )
            # added after KernFormMixin styled the declared fields: style these too
            for name in (f"cost_label_{n}", f"cost_amount_{n}"):
                self.fields[name].widget.attrs["class"] = "kern-form-input__input"

    def lines(self) -> list[tuple[str, Decimal]]:
        data = self.cleaned_data
        return [
            (data.get(f"cost_label_{n}") or "", data.get(f"cost_amount_{n}") or Decimal(0))
            for n in range(1, COST_LINES + 1)
            if data.get(f"cost_label_{n}") or data.get(f"cost_amount_{n}")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for n in range(1, COST_LINES + 1):
            if data.get(f"cost_amount_{n}") and not data.get(f"cost_label_{n}"):
                self.add_error(f"cost_label_{n}", _("Name the cost item."))
        if self.submitting and not self.errors:
            problem = balance_problem(
                self.lines(),
                data.get("own_contribution") or Decimal(0),
                data.get("requested") or Decimal(0),
            )
            if problem:
                self.add_error(None, problem)
            if not data.get("measure") and not data.get("field_of_action"):
                self.add_error(
                    "field_of_action",
                    _("Name the measure or the field of action the project serves."),
                )
        return data

    def model_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [
            "organisation_name", "organisation_address", "contact_name", "contact_email",
            "contact_phone", "title", "description", "measure", "field_of_action",
        ]  # fmt: skip
        fields = {name: data.get(name) for name in names}
        for text in ("organisation_address", "contact_phone", "description"):
            fields[text] = fields[text] or ""
        fields["own_contribution"] = data.get("own_contribution") or Decimal(0)
        fields["requested"] = data.get("requested") or Decimal(0)
        return fields


class StartForm(ApplicationForm):
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all(), empty_label=None)

    field_order = ["fund"]


class DocumentForm(KernForm):
    document = forms.FileField(
        label=_("Document (PDF)"),
        help_text=_("For example the statutes or the cost estimate; PDF only."),
    )


def initial_from(application: Any) -> dict[str, Any]:
    """The form's values from a stored draft, amounts written the German way."""
    from teilhabe.grants.amounts import euro

    def typed(amount: Decimal) -> str:
        return euro(amount).removesuffix(" €")

    initial: dict[str, Any] = {
        name: getattr(application, name)
        for name in (
            "organisation_name", "organisation_address", "contact_name", "contact_email",
            "contact_phone", "title", "description", "measure", "field_of_action",
        )
    }  # fmt: skip
    initial["own_contribution"] = typed(application.own_contribution)
    initial["requested"] = typed(application.requested)
    for n, line in enumerate(application.costs.all(), start=1):
        initial[f"cost_label_{n}"] = line.label
        initial[f"cost_amount_{n}"] = typed(line.amount)
    return initial
