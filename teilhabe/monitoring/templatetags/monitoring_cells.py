"""A monitoring figure as shown: "." where disclosure control hides it, "–" where
there is no data (never 0), else the number with a decimal comma."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from teilhabe.monitoring.profile import Cell

register = template.Library()


@register.filter
def cell(value: Cell) -> str:
    if value.hidden:
        return "."
    if value.value is None:
        return "–"
    if isinstance(value.value, int):
        return number_format(value.value, force_grouping=True)
    return number_format(value.value, 2)


@register.filter
def index_value(value: float | None) -> str:
    """An index value with two decimals; "–" where the area has none (never 0)."""
    return "–" if value is None else number_format(round(value, 2), 2)


@register.filter
def index_class(found: int | None, labels: list[str]) -> str:
    return "–" if found is None else f"{found + 1}: {labels[found]}"
