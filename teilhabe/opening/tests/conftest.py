"""The service tests match messages by their English msgid, so that they hold before and
after the German catalogue has the new strings (requests set their own language)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield
