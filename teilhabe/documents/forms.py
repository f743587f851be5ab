"""Forms of documents and letters (KERN markup through core/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.forms import KernForm, VersionField
from teilhabe.documents import letters
from teilhabe.documents.models import DocumentKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# What the file picker offers; the server decides by the content (storage.sniff).
PREFIX = "feld_"
ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"


class DocumentForm(KernForm):
    upload = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG or JPEG, at most %(limit)s MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    document_date = forms.DateField(label=_("Date of the document"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = int(settings.DOCUMENT_MAX_UPLOAD) // (1024 * 1024)
        field = self.fields["upload"]
        field.help_text = str(field.help_text) % {"limit": limit}
        self.fields["document_date"].initial = timezone.localdate()


class LetterTemplateForm(KernForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Plain text; an empty line starts a new paragraph. Placeholders in double "
            "curly braces are filled in from the case (see the list); any other single "
            "word, such as {{ appointment_date }}, becomes a field to fill in."
        ),
    )
    is_active = forms.BooleanField(label=_("Offer to counsellors"), required=False, initial=True)
    version = VersionField(required=False)

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        found = letters.problems(body)
        if found:
            raise forms.ValidationError(found)
        return body


class LetterForm(KernForm):
    """The free fields of one template, and whether to file the letter with the case."""

    store = forms.BooleanField(
        label=_("File the letter in the case's documents"), required=False, initial=True
    )

    def __init__(self, *args: Any, fields: list[letters.FreeField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.free = fields
        store = self.fields.pop("store")
        for free in fields:  # prefixed: a free field may be called "store"
            field = _field(free)
            field.widget.attrs["class"] = "kern-form-input__input"
            self.fields[PREFIX + free.name] = field
        self.fields["store"] = store

    def filled(self) -> dict[str, Any]:
        return {free.name: self.cleaned_data.get(PREFIX + free.name) for free in self.free}


def _field(free: letters.FreeField) -> forms.Field:
    if free.kind == "date":
        return forms.DateField(label=str(free.label), widget=DATE)
    if free.kind == "time":
        return forms.TimeField(label=str(free.label), widget=TIME)
    return forms.CharField(label=str(free.label), max_length=300)
