"""The path converter of record ids: `<id:pk>` in every urls.py instead of `<int:pk>`.

Django's `int` converter takes any run of digits, and a number beyond the primary key's
range (BigAutoField: a signed 64-bit integer) then fails in the database (OverflowError
on SQLite, an out-of-range error on PostgreSQL) instead of finding nothing. This one
matches only ids that can exist, so every other number is an ordinary 404.
"""

from __future__ import annotations

from django.urls import register_converter

from teilhabe.core.params import ID_MAX


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= ID_MAX:
            raise ValueError(value)  # the resolver tries the next pattern: a 404 in the end
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
