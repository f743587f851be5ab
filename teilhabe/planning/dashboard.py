"""Start-page panel of the plan (core.dashboard), registered in PlanningConfig.ready:
the measures the user's organisation leads that run without a progress entry for 180
days (reminders.py), each with its last entry and a link to record progress."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.planning import access, reminders
from teilhabe.planning.figures import SILENCE_DAYS

ORDER_SILENT = 29


def silent_measures(user: Any) -> Panel | None:
    if not access.provider_organisation_ids(user):
        return None
    silent = reminders.silent_led(user, timezone.localdate())
    if not silent:
        return None
    context = {"silent": silent, "days": SILENCE_DAYS + 1}
    return Panel(
        _("Measures without progress"), "planning/panels/silent.html", context, ORDER_SILENT
    )


def register() -> None:
    register_panel(silent_measures)
