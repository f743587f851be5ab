from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from teilhabe.audit.display import model_name
from teilhabe.audit.labels import ACTION_CHOICES
from teilhabe.audit.registry import AUDITED_MODELS
from teilhabe.core.forms import KernForm


class RecordKindField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Kinds of record by their names in the reader's language, not "app | model"."""

    def label_from_instance(self, obj: ContentType) -> str:
        return model_name(obj)


class AuditFilterForm(KernForm):
    actor = forms.ModelChoiceField(
        queryset=get_user_model().objects.order_by("username"),
        required=False,
        label=_("User"),
        empty_label=_("all"),
    )
    content_type = RecordKindField(
        queryset=ContentType.objects.none(),
        required=False,
        label=_("Kind of record"),
        empty_label=_("all"),
    )
    record = forms.CharField(required=False, label=_("Record (name or number)"))
    action = forms.TypedChoiceField(
        choices=[("", _("all")), *ACTION_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
        label=_("Action"),
    )
    date_from = forms.DateField(
        required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = [label.split(".") for label, _excluded in AUDITED_MODELS]
        query = ContentType.objects.none()
        for app_label, model in labels:
            query |= ContentType.objects.filter(app_label=app_label, model=model.lower())
        self.fields["content_type"].queryset = query  # type: ignore[attr-defined]
