"""A select whose long list of options a small text box filters (app.js adds the box).

Without script it is a plain select of names, sorted, the frequent ones first; with
script a search field above it hides the options that do not contain what was typed
(umlauts folded), so "kurd" leaves Kurdisch, Kurmandschi and Sorani (Zentralkurdisch).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


def filterable_select(*, multiple: bool = False, size: int = 8, **kwargs: Any) -> forms.Select:
    attrs: dict[str, Any] = {"data-filter-label": _("Search in the list")}
    if multiple:
        return forms.SelectMultiple(attrs={**attrs, "size": size}, **kwargs)
    return forms.Select(attrs=attrs, **kwargs)
