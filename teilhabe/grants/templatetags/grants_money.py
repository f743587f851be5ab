"""`{{ amount|euro }}`: an amount as "1.234,50 €" (grants/amounts.py)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from teilhabe.grants.amounts import euro as euro_text

register = template.Library()


@register.filter
def euro(value: Decimal | None) -> str:
    return "–" if value is None else euro_text(Decimal(value))
