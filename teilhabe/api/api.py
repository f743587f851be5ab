"""The Teilhabe API, version 1 (OpenAPI 3 at /api/v1/openapi.json).

Programs authenticate with a personal API key (`Authorization: Bearer th_…`), created
on the profile page; a key has exactly its user's rights. There is no interactive
documentation page: it would load scripts from outside the installation.
"""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from teilhabe.api.auth import ApiKey
from teilhabe.api.casework import router as casework_router
from teilhabe.core.access import public

api = NinjaAPI(
    title="Teilhabe API",
    version="1",
    urls_namespace="api",
    docs_url=None,
    auth=ApiKey(),
)
api.add_router("/", casework_router)


def urls() -> tuple[list[Any], str, str]:
    """The API's URLs. The access policy lets them through: each endpoint checks the
    API key itself (no session, no CSRF) and then its permission."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            public(pattern.callback)
        elif isinstance(pattern, URLResolver):  # pragma: no cover - ninja nests none here
            raise TypeError("nested API URLs need an access declaration")
    return patterns, app_name, namespace
