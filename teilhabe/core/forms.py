"""Forms rendered with the KERN UX design system's markup."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

INPUT_CLASS = {
    "select": "kern-form-input__select",
    "selectmultiple": "kern-form-input__select",
    "checkbox": "kern-form-check__checkbox",
    "checkboxselectmultiple": "kern-form-check__checkbox",
    "radioselect": "kern-form-check__radio",
}


# Django's empty choice; the pages write "–" for "nothing chosen" (German typography).
DJANGO_EMPTY = "---------"
EMPTY_CHOICE = "–"


def _no_dashes(field: forms.Field) -> None:
    """The empty option of a select reads "–", not Django's "---------"."""
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == DJANGO_EMPTY:
            field.empty_label = EMPTY_CHOICE
    elif isinstance(field, forms.ChoiceField):
        held: Any = field.choices  # a model field's blank=True choices start with the dashes
        choices = list(held)
        if choices and choices[0] == ("", DJANGO_EMPTY):
            field.choices = [("", EMPTY_CHOICE), *choices[1:]]


class KernFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class KernFormMixin:
    """Adds the KERN classes (and their error variants) to every widget."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            kind = type(widget).__name__.lower().removesuffix("input")
            css = INPUT_CLASS.get(kind, "kern-form-input__input")
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            _no_dashes(field)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                widget = self.fields[name].widget
                base = widget.attrs.get("class", "").split(" ")[-1]
                if base and not base.endswith("--error"):
                    widget.attrs["class"] += f" {base}--error"


class KernForm(KernFormMixin, forms.Form):
    pass


class KernModelForm(KernFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass


class VersionField(forms.IntegerField):
    """Carries the version a form was loaded with (see core.versioning)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("required", True)
        super().__init__(**kwargs)
