"""Dashboard panels: the user's appointments of today and this week, and the reviews
(reminders and goal reviews) that are due or overdue on the user's cases.

A panel is built without the request, so it cannot log a read: it names cases by
their number and service, not by the client's name; the link leads to the case page,
which logs the read."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.appointments import selectors
from teilhabe.core.dashboard import Panel, register_panel

SHOWN = 8
# Between casework's work list panels (casework/worklist.py: open cases 1, hand-overs 6):
# what is due comes right after the open cases, then the appointments.
ORDER_REVIEWS_DUE = 2
ORDER_APPOINTMENTS = 3


def my_appointments(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases"):
        return None
    today = timezone.localdate()
    sunday = today + datetime.timedelta(days=6 - today.weekday())
    appointments = [
        item for item in selectors.my_appointments(user, today, sunday) if not item.cancelled
    ]
    context = {
        "today": [item for item in appointments if item.date == today],
        "week": [item for item in appointments if item.date > today][:SHOWN],
        "more": len([item for item in appointments if item.date > today]) > SHOWN,
    }
    return Panel(
        _("My appointments"), "appointments/panels/appointments.html", context, ORDER_APPOINTMENTS
    )


def reviews_due(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases"):
        return None
    today = timezone.localdate()
    items = selectors.reviews_due(user, today)
    context = {"items": items[:SHOWN], "more": len(items) - SHOWN, "today": today}
    return Panel(_("Reviews due"), "appointments/panels/reviews.html", context, ORDER_REVIEWS_DUE)


def register() -> None:
    register_panel(my_appointments)
    register_panel(reviews_due)
