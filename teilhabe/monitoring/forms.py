"""The upload form of the register import (statistics role)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm

ACCEPTED = (".csv", ".parquet")


class RegisterUploadForm(KernForm):
    upload = forms.FileField(
        label=_("Register extract"),
        help_text=_(
            "CSV (semicolon or comma, UTF-8 or Windows-1252) or Parquet, one row per "
            "resident, as the statistics office's format describes it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    stichtag = forms.DateField(
        label=_("Reference date"),
        input_formats=["%d.%m.%Y", "%Y-%m-%d"],
        help_text=_("TT.MM.JJJJ, e.g. 31.12.2024"),
    )
    dry_run = forms.BooleanField(
        required=False, initial=True, label=_("Only check, store nothing (dry run)")
    )

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if not str(upload.name).lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("Only CSV or Parquet files."))
        limit = getattr(settings, "MONITORING_MAX_UPLOAD", 1024 * 1024 * 1024)
        if (upload.size or 0) > limit:
            raise forms.ValidationError(
                _("The upload is larger than the limit of %(limit)s MB.")
                % {"limit": limit // (1024 * 1024)}
            )
        return upload
