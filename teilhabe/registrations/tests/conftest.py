from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """The rate limit counts in the (process-wide) cache: every test starts at zero and
    leaves nothing for the tests after it."""
    cache.clear()
    yield
    cache.clear()
