"""Default-deny access policy for every view.

Order of checks: a view without an access declaration is refused (403) for everyone;
public views pass; anonymous users go to the login page; a user who must confirm a
second factor and has not goes to the TOTP step; the view's permission is checked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from teilhabe.core.access import access_of

logger = logging.getLogger(__name__)


def second_factor_pending(request: HttpRequest) -> bool:
    user: Any = request.user
    if not settings.REQUIRE_SECOND_FACTOR or not user.is_authenticated:
        return False
    return bool(user.needs_second_factor) and not user.is_verified()


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        access = access_of(view_func)
        if access is None:
            logger.error("View %s has no access declaration; refused.", view_func)
            raise PermissionDenied
        if access.public:
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.before_second_factor:
            return None
        if second_factor_pending(request):
            return redirect("accounts:second_factor")
        if access.permission and not request.user.has_perm(access.permission):
            raise PermissionDenied
        return None
