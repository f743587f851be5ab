"""Checks of attendance counts, shared by the forms and the services.

A count is refused when it is negative, implausibly large, or when the counts by
gender or by age band do not add up to the total. The messages are English msgids
with German translations; the UI shows them in German.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from teilhabe.activities.codes import (
    AGE_FIELD_OF,
    AGE_FIELDS,
    COUNT_FIELDS,
    GENDER_FIELD_OF,
    GENDER_FIELDS,
    ParticipantGender,
    age_band,
)


def count_problems(counts: Mapping[str, int | None], maximum: int) -> dict[str | None, list[str]]:
    """Problems with `counts` (field name -> value), by field; None for the whole record."""
    problems: dict[str | None, list[str]] = {}

    def add(field: str | None, message: str) -> None:
        problems.setdefault(field, []).append(message)

    for name in COUNT_FIELDS:
        value = counts.get(name)
        if value is not None and value < 0:
            add(name, _("A number of participants cannot be negative."))
    if problems:
        return problems
    total = counts.get("total")
    breakdown = [counts.get(name) or 0 for name in (*GENDER_FIELDS, *AGE_FIELDS)]
    if total is None:
        if any(breakdown):
            add("total", _("Please enter the total number of participants."))
        return problems
    if total > maximum:
        add(
            "total",
            _("%(total)s participants are not plausible here; at most %(maximum)s are possible.")
            % {"total": total, "maximum": maximum},
        )
    by_gender = sum(counts.get(name) or 0 for name in GENDER_FIELDS)
    if by_gender != total:
        add(
            None,
            _("The counts by gender add up to %(sum)s, but the total is %(total)s participants.")
            % {"sum": by_gender, "total": total},
        )
    by_age = sum(counts.get(name) or 0 for name in AGE_FIELDS)
    if by_age != total:
        add(
            None,
            _("The counts by age band add up to %(sum)s, but the total is %(total)s participants.")
            % {"sum": by_age, "total": total},
        )
    return problems


def check_counts(counts: Mapping[str, int | None], maximum: int) -> None:
    """Raises a ValidationError (by field) when the counts are impossible."""
    problems = count_problems(counts, maximum)
    if problems:
        raise ValidationError(
            {
                (field or "__all__"): [ValidationError(message) for message in messages]
                for field, messages in problems.items()
            }
        )


def counts_of_participants(participants: Iterable[Any], on: datetime.date) -> dict[str, int]:
    """The counts derived from named participants on the day `on`."""
    counts = dict.fromkeys(COUNT_FIELDS, 0)
    for participant in participants:
        counts["total"] += 1
        counts[GENDER_FIELD_OF[ParticipantGender(participant.gender)]] += 1
        counts[AGE_FIELD_OF[age_band(participant.birth_year, on)]] += 1
    return counts


def filled_in(counts: Mapping[str, int | None]) -> dict[str, int | None]:
    """Counts as a form delivers them, with an empty breakdown read as "unknown": a
    total alone is a valid record of a group where nobody counted by gender or age."""
    result = dict(counts)
    total = result.get("total")
    if total is None:
        return result
    if all(result.get(name) is None for name in GENDER_FIELDS):
        result["gender_unknown"] = total
    if all(result.get(name) is None for name in AGE_FIELDS):
        result["age_unknown"] = total
    for name in COUNT_FIELDS:
        if result.get(name) is None and name != "total":
            result[name] = 0
    return result
