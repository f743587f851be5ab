from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm


class LegalPageForm(KernForm):
    body = forms.CharField(
        label=_("Text"),
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Plain text. An empty line starts a new paragraph; a line starting with # is a heading."
        ),
    )
