"""Labels of the audit actions in the language of the user (django-auditlog's own
labels are English only)."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("read"),
}
ACTION_CHOICES = list(ACTION_LABELS.items())


def action_label(entry: LogEntry) -> str:
    return str(ACTION_LABELS.get(entry.action, entry.action))
