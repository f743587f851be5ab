"""Funding programmes: the database refuses a period that ends before it begins and a
negative amount, whichever way a programme is written."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from teilhabe.funding.models import FundingProgramme

pytestmark = pytest.mark.django_db


def test_a_programme_cannot_end_before_it_begins() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingProgramme.objects.create(
            code="P1",
            title="Bundesprogramm",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2024, 12, 31),
        )


def test_the_amount_cannot_be_negative() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingProgramme.objects.create(code="P1", title="x", amount_per_year=Decimal("-1"))


def test_the_code_is_unique_in_the_installation() -> None:
    FundingProgramme.objects.create(code="P1", title="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingProgramme.objects.create(code="P1", title="y")
