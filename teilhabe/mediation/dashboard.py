"""The start page's panels of mediation: for the receiving case management, clearings
waiting for its decision (the hand-over inbox shows the person; this panel leads to the
clearing with its life areas and the accompanying mediator); for a mediator, what is
theirs to do (assignments to confirm or to complete, open requests in their languages)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.casework import handover
from teilhabe.core.dashboard import Panel, register_panel
from teilhabe.mediation import access, selectors
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


@register_panel
def mediator_work(user: Any) -> Panel | None:
    if not user.has_perm("mediation.serve"):
        return None
    mediators = access.own_mediators(user)
    if not mediators.exists():
        return None
    today = timezone.localdate()
    live = selectors.own_assignments(mediators).filter(completed_at=None)
    context = {
        "to_confirm": live.filter(confirmed_at=None, request__date__gte=today).count(),
        "coming": live.filter(request__date__gte=today).exclude(confirmed_at=None).count(),
        "to_complete": live.filter(request__date__lt=today).exclude(confirmed_at=None).count(),
        "open_requests": len(selectors.open_for(mediators, today)),
    }
    return Panel(_("My mediation assignments"), "mediation/panels/mediator.html", context, 21)
