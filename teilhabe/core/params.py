"""The values of a page's address (query parameters), parsed in one place.

Every view that reads `request.GET` (or a single value of `request.POST` outside a form)
goes through these parsers. A missing or empty parameter gives the caller's default; a
value that is present but not valid raises `InvalidParameter`, which Django answers with
400 and the German error page (`core.views.error_400`), never with a 500: years outside
`YEAR_MIN..YEAR_MAX`, impossible dates and months, ids beyond the database's integer,
digits other than ASCII (`str.isdigit()` accepts "²", `int()` accepts "١٢"), NUL
characters (PostgreSQL refuses them in text) and overlong values.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

D = TypeVar("D")
Query = Mapping[str, Any]

YEAR_MIN, YEAR_MAX = 1990, 2100
# Primary keys are BigAutoField (settings.DEFAULT_AUTO_FIELD): a signed 64-bit integer
# on SQLite and PostgreSQL alike. A larger number could never name a record.
ID_MAX = 2**63 - 1
PAGE_MAX = 1_000_000
TEXT_MAX = 200

_INTEGER = re.compile(r"-?[0-9]{1,20}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


class InvalidParameter(BadRequest):
    """A parameter of the address has a value the page cannot use (answered with 400)."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(
            _("The address of this page contains an invalid value for “%(name)s”.") % {"name": name}
        )


# The parsers of single values: ValueError for anything that is not valid.


def parse_int(text: str, minimum: int, maximum: int) -> int:
    """An integer written with ASCII digits, within minimum..maximum."""
    if not _INTEGER.fullmatch(text):
        raise ValueError(text)
    number = int(text)
    if not minimum <= number <= maximum:
        raise ValueError(text)
    return number


def parse_year(text: str) -> int:
    return parse_int(text, YEAR_MIN, YEAR_MAX)


def parse_month(text: str) -> tuple[int, int]:
    """`JJJJ-MM` as (year, month)."""
    match = _MONTH.fullmatch(text)
    if not match:
        raise ValueError(text)
    year, month = parse_year(match[1]), int(match[2])
    if not 1 <= month <= 12:
        raise ValueError(text)
    return year, month


def parse_date(text: str) -> datetime.date:
    """`JJJJ-MM-TT` (ISO, as date inputs send it) or `TT.MM.JJJJ`."""
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match[1], match[2], match[3]
    elif match := _GERMAN_DATE.fullmatch(text):
        day, month, year = match[1], match[2], match[3]
    else:
        raise ValueError(text)
    return datetime.date(parse_year(year), int(month), int(day))  # ValueError: 30 February


def parse_id(text: str) -> int:
    return parse_int(text, 1, ID_MAX)


# The parameters of a query: default when missing or empty, InvalidParameter when wrong.


def _raw(query: Query, name: str) -> str | None:
    value = query.get(name)
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if len(text) > TEXT_MAX or "\x00" in text:
        raise InvalidParameter(name)
    return text


def _parsed(query: Query, name: str, parse: Any, default: Any) -> Any:
    text = _raw(query, name)
    if text is None:
        return default
    try:
        return parse(text)
    except ValueError:
        raise InvalidParameter(name) from None


def year(query: Query, name: str = "jahr", *, default: D) -> int | D:
    result: int | D = _parsed(query, name, parse_year, default)
    return result


def month(query: Query, name: str = "monat", *, default: D) -> tuple[int, int] | D:
    result: tuple[int, int] | D = _parsed(query, name, parse_month, default)
    return result


def date(query: Query, name: str = "datum", *, default: D) -> datetime.date | D:
    result: datetime.date | D = _parsed(query, name, parse_date, default)
    return result


def object_id(query: Query, name: str, *, default: D) -> int | D:
    """The id of a record: a positive integer that fits the primary key column."""
    result: int | D = _parsed(query, name, parse_id, default)
    return result


def integer(query: Query, name: str, *, minimum: int, maximum: int, default: D) -> int | D:
    result: int | D = _parsed(query, name, lambda text: parse_int(text, minimum, maximum), default)
    return result


def page(query: Query, name: str = "seite") -> int:
    """The page of a list (1 when missing); a page past the end shows the last page."""
    return integer(query, name, minimum=1, maximum=PAGE_MAX, default=1)


def choice(query: Query, name: str, choices: Collection[str], *, default: D) -> str | D:
    """One of `choices`, exactly as written."""

    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(text)
        return text

    result: str | D = _parsed(query, name, parse, default)
    return result


def text(query: Query, name: str, *, default: str = "") -> str:
    """Free text, a slug or a search: at most TEXT_MAX characters, no NUL."""
    result: str = _parsed(query, name, str, default)
    return result
