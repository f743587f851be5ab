"""The fixed-window limiter: the (limit + 1)-th request of a key in a window is refused,
other keys and the next window are not affected."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.cache import cache

from teilhabe.core.ratelimit import hit


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def test_the_request_after_the_limit_is_refused_until_the_window_ends() -> None:
    start = 1_000_000.0  # a window of 60 s starts here (1_000_000 / 60 is not whole)
    first = 60 * (int(start) // 60)
    verdicts = [hit("form", "a", 3, 60, now=first + 1 + i) for i in range(4)]
    assert [v.allowed for v in verdicts] == [True, True, True, False]
    assert verdicts[-1].retry_after == 60 - 4 + 1  # seconds left in the window, rounded up
    assert hit("form", "b", 3, 60, now=first + 5).allowed  # another key
    assert hit("other", "a", 3, 60, now=first + 5).allowed  # another scope
    assert hit("form", "a", 3, 60, now=first + 61).allowed  # the next window


def test_keys_are_not_kept_in_the_clear() -> None:
    hit("form", "geheimes-token", 3, 60)
    store = getattr(cache, "_cache", {})
    assert store and not any("geheimes-token" in str(name) for name in store)
