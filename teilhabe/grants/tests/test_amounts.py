"""German amounts: what is accepted, and what is refused with a German message."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from teilhabe.grants.amounts import euro, parse_euro


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.234,50", Decimal("1234.50")),
        ("1234,50", Decimal("1234.50")),
        ("1234", Decimal("1234")),
        ("1.234", Decimal("1234")),
        ("12.345.678,9", Decimal("12345678.9")),
        (" 2.500,00 € ", Decimal("2500.00")),
        ("0,5", Decimal("0.5")),
    ],
)
def test_german_amounts_are_read(typed: str, value: Decimal) -> None:
    assert parse_euro(typed) == value


@pytest.mark.parametrize("typed", ["1234.50", "1.23,5", "12.34", "1,234.50", "1,234", "abc", ""])
def test_a_dot_where_no_thousands_are_is_refused_in_german(typed: str) -> None:
    with translation.override("de"), pytest.raises(ValidationError) as refused:
        parse_euro(typed)
    assert "1.234,50" in refused.value.messages[0]


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValidationError):
        parse_euro("-5,00")


def test_euro_is_written_the_german_way() -> None:
    assert euro(Decimal("1234.5")) == "1.234,50 €"
    assert euro(Decimal("566000")) == "566.000,00 €"
    assert euro(Decimal("12")) == "12,00 €"
