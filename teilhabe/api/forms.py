from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm

VALIDITY_CHOICES = [(30, _("30 days")), (90, _("90 days")), (365, _("one year"))]


class TokenForm(KernForm):
    name = forms.CharField(
        label=_("What is the key for?"),
        max_length=100,
        help_text=_("For example the name of the program that uses it."),
    )
    validity_days = forms.TypedChoiceField(
        label=_("Valid for"), choices=VALIDITY_CHOICES, coerce=int, initial=90
    )
