"""Request handling that the audit log and the privacy of pages depend on.

- `client_address`: the address recorded in the audit log. `X-Forwarded-For` is
  written by whoever sends the request, so it is read only behind the installation's
  own reverse proxy (`TEILHABE_BEHIND_PROXY`), and then its last entry: the one that
  proxy appended. django-auditlog's middleware takes the first entry of any request,
  which lets anybody put an address of their choice into the log (ASVS 7.1.4).
- `AuditMiddleware`: django-auditlog's middleware with that address and without the
  client-supplied port.
- `NoStoreMiddleware`: pages for signed-in users hold personal data; neither the
  browser nor a proxy may keep them (ASVS 8.2.1). Downloads get the same header.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def client_address(request: HttpRequest) -> str | None:
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = request.headers.get("X-Forwarded-For", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_address(request)

    @staticmethod
    def _get_remote_port(request: HttpRequest) -> int | None:
        return None


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user: Any = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
