"""A small fixed-window rate limit on Django's cache, for the pages that answer without
a sign-in (a registered body's token form, the public forms, the password reset). The
sign-in is throttled by django-axes per user name and the TOTP step by django-otp;
both count failures of an account. Across user names, failed sign-ins are counted
here per address (`peek` before, `hit` after a failure: successful sign-ins of an
office behind one address do not count).

`hit(scope, key, limit, window)` counts one request of `key` (an address, a token) in
the current window of `window` seconds and says whether it is still within `limit`.
Keys are hashed, so no token or address is kept in the cache as such. The count lives
in the default cache: with the installation's default (local memory) that is per
server process, so a server with N worker processes lets through up to N times the
limit; a shared cache (`CACHES`, e.g. the database cache) makes it exact.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int  # seconds until the window ends


def _cache_key(scope: str, key: str, window: int, now: float) -> tuple[str, int]:
    slot = int(now // window)
    digest = hashlib.sha256(f"{scope}\0{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{slot}", int((slot + 1) * window - now) + 1


def peek(scope: str, key: str, limit: int, window: int, now: float | None = None) -> Verdict:
    """Whether `key` is still within `limit` in the current window, without counting."""
    moment = time.time() if now is None else now
    name, remaining = _cache_key(scope, key, window, moment)
    return Verdict(int(cache.get(name, 0)) < limit, remaining)


def hit(scope: str, key: str, limit: int, window: int, now: float | None = None) -> Verdict:
    """Counts one request; `allowed` is False from the (limit + 1)-th in the window."""
    moment = time.time() if now is None else now
    name, remaining = _cache_key(scope, key, window, moment)
    # add + incr: the count goes up atomically in every cache backend Django ships
    cache.add(name, 0, timeout=remaining)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=remaining)
        count = 1
    return Verdict(count <= limit, remaining)


def refusal(
    request: HttpRequest,
    scope: str,
    key: str,
    rate: tuple[int, int],
    template: str = "core/too_many.html",
) -> HttpResponse | None:
    """Counts the request; None while within `rate` (count, seconds), else the page
    that says so (429, with Retry-After)."""
    verdict = hit(scope, key, *rate)
    return None if verdict.allowed else too_many(request, verdict, template)


def too_many(
    request: HttpRequest, verdict: Verdict, template: str = "core/too_many.html"
) -> HttpResponse:
    response = render(request, template, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response
