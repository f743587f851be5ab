"""Forms of the proof of use: the grantee's report and receipt list, staff's check."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.grants.forms_public import EuroField

# A receipt list of a small project is a few hundred rows; 5 MB leave room for XLSX.
MAX_RECEIPT_FILE = 5 * 1024 * 1024


class ReportForm(KernForm):
    report = forms.CharField(
        label=_("Factual report"),
        help_text=_("What was done, who took part, what came of it, and why plans changed."),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        max_length=20000,
    )
    own_contribution = EuroField(label=_("Own contribution spent"), required=False)


class ReceiptsForm(KernForm):
    receipts = forms.FileField(
        label=_("Receipt list (CSV or XLSX)"),
        help_text=_(
            "Columns: Datum (31.12.2025), Empfänger, Zweck, Betrag (1.234,56), Position "
            "(number or name of the line of the finance plan). Uploading again replaces "
            "the list."
        ),
    )

    def clean_receipts(self) -> object:
        upload = self.cleaned_data["receipts"]
        if upload.size > MAX_RECEIPT_FILE:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.")
                % {"limit": MAX_RECEIPT_FILE // (1024 * 1024)}
            )
        return upload


class DueForm(KernForm):
    due_on = forms.DateField(label=_("Proof of use due on"), help_text=_("Like 30.06.2026."))


class CheckForm(KernForm):
    accepted = forms.TypedChoiceField(
        label=_("Result of the check"),
        choices=[("1", _("accepted")), ("0", _("returned for correction"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class RepaymentForm(KernForm):
    amount = EuroField(label=_("Amount to be repaid"))
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
