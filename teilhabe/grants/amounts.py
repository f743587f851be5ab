"""Amounts in euros as people in Germany type them.

Decided: "1.234,50", "1234,50", "1234" and "1.234" are accepted (a dot only as a
thousands separator between groups of three digits, a comma before at most two cents,
an optional "€"). Anything else with a dot ("1234.50", "1.23,5", "12.34") is refused
with a message that shows the expected form, because "1.234" read as 1,234 or as 1234
would silently change a finance plan by a factor of a thousand.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _

_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+(,\d{1,2})?$")
_PLAIN = re.compile(r"^\d{1,10}(,\d{1,2})?$")


def parse_euro(text: str) -> Decimal:
    cleaned = text.replace("€", "").replace("\u00a0", " ").strip().replace(" ", "")
    if _GROUPED.match(cleaned) or _PLAIN.match(cleaned):
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    if cleaned.startswith("-"):
        raise ValidationError(_("Enter an amount of zero or more."), code="negative")
    raise ValidationError(
        _(
            "“%(value)s” is not an amount in euros. Write it like 1.234,50: "
            "a dot only between thousands, a comma before the cents."
        )
        % {"value": text.strip()[:30]},
        code="amount",
    )


def euro(amount: Decimal) -> str:
    """1234.5 -> "1.234,50 €" (German grouping whatever the active language)."""
    text = formats.number_format(amount, decimal_pos=2, use_l10n=False)
    whole, _sep, cents = text.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return f"{'.'.join(groups)},{cents or '00'} €"
