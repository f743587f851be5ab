"""Dashboard panel of the network: the next meetings and the pending decisions of the
bodies the user sees."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.network import selectors


@register_panel
def bodies(user: Any) -> Panel | None:
    if not user.has_perm("network.take_part"):
        return None
    today = timezone.localdate()
    context = {
        "meetings": list(selectors.upcoming_meetings(user, today)),
        "pending": selectors.decision_list(user).count(),
        "overdue": selectors.decision_list(user, overdue_on=today).count(),
    }
    return Panel(_("Bodies and decisions"), "network/panels/bodies.html", context, 27)
