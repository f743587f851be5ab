"""The rate limit of the pages opened with an application's link (the grant's own pages
and the proof of use): per address, every request (slows the guessing of links) and
started applications (each sends a mail: a script must not make the city's server mail
invented addresses). (count, seconds); settings.GRANTS_PUBLIC_RATE overrides either."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from teilhabe.core import ratelimit
from teilhabe.core.middleware import client_address

RATE = {"address": (120, 600), "start": (10, 3600)}


def too_many_requests(request: HttpRequest, scope: str) -> HttpResponse | None:
    rate = {**RATE, **getattr(settings, "GRANTS_PUBLIC_RATE", {})}[scope]
    return ratelimit.refusal(request, f"grants-public-{scope}", client_address(request) or "", rate)
