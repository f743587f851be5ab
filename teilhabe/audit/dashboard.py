"""Dashboard panel of the audit app, for the data-protection officer."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from teilhabe.core.dashboard import Panel, register_panel


@register_panel
def recent_audit(user: Any) -> Panel | None:
    if not user.has_perm("audit.view_log"):
        return None
    today = timezone.localdate()
    context = {
        "entries": LogEntry.objects.select_related("actor", "content_type")[:8],
        "reads_today": LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, timestamp__date=today
        ).count(),
        "changes_today": LogEntry.objects.filter(timestamp__date=today)
        .exclude(action=LogEntry.Action.ACCESS)
        .count(),
    }
    return Panel(_("Audit log"), "audit/panels/recent.html", context, 30)
