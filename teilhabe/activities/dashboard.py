"""Dashboard panel of the activities module: the organisation's next dates."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.activities.access import CALENDAR_ROLES, organisations_for
from teilhabe.activities.selectors import calendar_entries
from teilhabe.core.dashboard import Panel, register_panel

UPCOMING_DAYS = 7
UPCOMING_SHOWN = 6


@register_panel
def upcoming_dates(user: Any) -> Panel | None:
    if not user.has_perm("activities.view_calendar"):
        return None
    organisation = organisations_for(user, CALENDAR_ROLES).first()
    if organisation is None:
        return None
    today = timezone.localdate()
    entries = [
        entry
        for entry in calendar_entries(
            organisation, today, today + datetime.timedelta(days=UPCOMING_DAYS)
        )
        if not entry.cancelled
    ]
    context = {"entries": entries[:UPCOMING_SHOWN], "more": len(entries) > UPCOMING_SHOWN}
    return Panel(_("Next dates"), "activities/panels/upcoming.html", context, 30)
