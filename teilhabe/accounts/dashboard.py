"""Dashboard panels of the accounts app: one's own roles; user administration."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from teilhabe.accounts import selectors
from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.core.dashboard import Panel, register_panel

# Sign-ins without a role that an app gives for its own purpose (the contact person of an
# institution in intercultural opening): their own panel explains them, so "no role yet,
# your administrator assigns roles" would mislead.
ROLELESS_PERMISSIONS = ("opening.take_part",)


@register_panel
def my_roles(user: Any) -> Panel | None:
    memberships = user.memberships.select_related("organisation").prefetch_related("services")
    if not memberships and any(user.has_perm(name) for name in ROLELESS_PERMISSIONS):
        return None
    return Panel(_("My roles"), "accounts/panels/my_roles.html", {"memberships": memberships}, 10)


@register_panel
def team(user: Any) -> Panel | None:
    if not user.has_role(Role.TEAM_LEAD):
        return None
    led = user.memberships.filter(role=Role.TEAM_LEAD).values_list("organisation", flat=True)
    members = (
        User.objects.filter(memberships__organisation__in=led, is_active=True)
        .exclude(pk=user.pk)
        .distinct()
        .prefetch_related("memberships")
    )
    return Panel(_("My team"), "accounts/panels/team.html", {"members": members}, 20)


@register_panel
def user_administration(user: Any) -> Panel | None:
    if not user.has_perm("accounts.manage_users"):
        return None
    users = User.objects.all()
    with_second_factor = selectors.users_with_second_factor()
    context = {
        "active": users.filter(is_active=True).count(),
        "inactive": users.filter(is_active=False).count(),
        "locked": len(selectors.locked_usernames()),
        "without_second_factor": users.filter(is_active=True)
        .exclude(pk__in=with_second_factor)
        .count(),
    }
    return Panel(_("User administration"), "accounts/panels/administration.html", context, 30)
