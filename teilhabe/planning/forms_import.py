"""The upload form of the plan import (views_import.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm
from teilhabe.core.upload_runs import too_large
from teilhabe.planning.import_upload import upload_limit
from teilhabe.planning.models import RESERVED_SLUGS, Concept


class PlanUploadForm(KernForm):
    # Not "file": the kind is decided by the content (core/upload_runs.archive_kind);
    # `accept` only helps the browser's file picker.
    upload = forms.FileField(
        label=_("File"),
        help_text=_(
            "A ZIP of the plan's folder (handlungsfelder.csv, ziele.csv, massnahmen.csv, "
            "fortschritt.csv, foerderprogramme.csv) or an XLSX workbook with one sheet "
            "per file."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,.xlsx"}),
    )
    konzept = forms.CharField(
        label=_("Concept (short name)"),
        max_length=50,
        help_text=_(
            "An existing concept is updated by code; a new short name creates the concept."
        ),
    )
    titel = forms.CharField(label=_("Title of a new concept"), max_length=200, required=False)
    dry_run = forms.BooleanField(
        required=False, initial=True, label=_("Only check, store nothing (dry run)")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        known = ", ".join(Concept.objects.order_by("slug").values_list("slug", flat=True))
        if known:
            field = self.fields["konzept"]
            field.help_text = f"{field.help_text} " + str(
                _("Existing concepts: %(slugs)s.") % {"slugs": known}
            )

    def clean_upload(self) -> Any:
        # The size the browser declares, checked before anything is written; the
        # writing counts again (core/upload_runs.save_upload).
        upload = self.cleaned_data["upload"]
        if (upload.size or 0) > upload_limit():
            raise forms.ValidationError(too_large(upload_limit()))
        return upload

    def clean_konzept(self) -> str:
        slug: str = self.cleaned_data["konzept"].strip()
        if slugify(slug) != slug or slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("Not a valid short name for a concept (letters, digits, hyphens).")
            )
        return slug
