from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from teilhabe.core.navigation import visible_entries


def installation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "demo_mode": settings.DEMO_MODE,
        "second_factor_required": settings.REQUIRE_SECOND_FACTOR,
        "navigation": visible_entries(user, request.path) if signed_in else [],
    }
