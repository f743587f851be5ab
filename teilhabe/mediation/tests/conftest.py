"""Every mediation test starts with an empty cache: the outside form's rate limit counts
per address in it, and the test client always comes from 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()
