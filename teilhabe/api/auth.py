"""Bearer-key authentication for the API, and the permission check of each endpoint.

The key stands for its user: `request.user` becomes that user, so the same access
rules (casework/access.py) and the same audit of reads apply as in the pages.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from teilhabe.api.services import user_of_key


class ApiKey(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_of_key(token)
        if user is not None:
            request.user = user
        return user


def require(request: HttpRequest, permission: str) -> Any:
    """The signed-in user, if they hold `permission`; otherwise 403."""
    user: Any = request.user
    if not user.has_perm(permission):
        raise HttpError(403, "Forbidden")
    return user
