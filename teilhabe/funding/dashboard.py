"""Start-page warnings of funding: the coordinator sees every programme ending within a
year and what ends with it; a team lead sees the programmes behind their own services
(`access.led_scope`) and only those dependants."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.funding import access, selectors


@register_panel
def programmes_ending(user: Any) -> Panel | None:
    if not access.can_keep(user):
        return None
    today = timezone.localdate()
    ends = selectors.with_dependants(selectors.ending_within(today, selectors.WARNING_MONTHS))
    context = {"ends": ends, "day": today, "everything": True}
    return Panel(_("Funding ending within a year"), "funding/panels/ending.html", context, 28)


@register_panel
def services_losing_funding(user: Any) -> Panel | None:
    if not access.can_view(user):
        return None
    scope = access.led_scope(user)
    if scope is None:
        return None
    ends = selectors.ending_for_lead(scope, timezone.localdate())
    if not ends:
        return None
    context = {"ends": ends, "everything": False}
    return Panel(_("Funding of your services ends"), "funding/panels/ending.html", context, 28)
