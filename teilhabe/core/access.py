"""Access declarations for views: nothing is reachable unless its view says who may.

`AccessPolicyMiddleware` (accounts) reads the declaration a view carries and refuses
every view that carries none. A view is either public (login, password reset, health
check), open to every signed-in user, or bound to one `rules` permission. Object-level
checks (this case, that organisation) stay in the view or its selector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.auth.decorators import login_not_required

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])

ACCESS_ATTRIBUTE = "teilhabe_access"


@dataclass(frozen=True)
class Access:
    public: bool = False
    permission: str | None = None
    # Views a signed-in user must reach before the second factor is confirmed.
    before_second_factor: bool = False


def _mark(view: ViewFunc, access: Access) -> ViewFunc:
    setattr(view, ACCESS_ATTRIBUTE, access)
    return view


def public(view: ViewFunc) -> ViewFunc:
    """Reachable without login (login, password reset, health check)."""
    return _mark(login_not_required(view), Access(public=True))


def signed_in(view: ViewFunc) -> ViewFunc:
    """Reachable by every signed-in user whose second factor is confirmed."""
    return _mark(view, Access())


def before_second_factor(view: ViewFunc) -> ViewFunc:
    """Reachable after the password step, before the second factor (TOTP set-up, logout)."""
    return _mark(view, Access(before_second_factor=True))


def requires(permission: str) -> Callable[[ViewFunc], ViewFunc]:
    """Reachable by signed-in users who hold `permission` (a `rules` permission)."""

    def decorate(view: ViewFunc) -> ViewFunc:
        return _mark(view, Access(permission=permission))

    return decorate


def access_of(view: Callable[..., Any]) -> Access | None:
    return getattr(view, ACCESS_ATTRIBUTE, None)
