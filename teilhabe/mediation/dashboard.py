"""The start page's panel of the receiving case management: clearings waiting for its
decision (the hand-over inbox shows the person; this panel leads to the clearing with
its life areas and the accompanying mediator)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from teilhabe.casework import handover
from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.mediation.models_clearing import Clearing, ClearingStatus


@register_panel
def clearings_to_decide(user: Any) -> Panel | None:
    if not user.has_perm("casework.work_with_cases"):
        return None
    waiting = Clearing.objects.filter(
        status=ClearingStatus.OPEN, referral__in=handover.inbox(user).values("pk")
    ).count()
    if not waiting:
        return None
    return Panel(_("Clearings"), "mediation/panels/clearings.html", {"waiting": waiting}, 22)
