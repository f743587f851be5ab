"""Read paths of the audit log: filtering for the data-protection officer."""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Q, QuerySet


def filter_entries(
    *,
    actor: Any = None,
    record: str = "",
    content_type: Any = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    action: int | None = None,
) -> QuerySet[LogEntry]:
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    if actor is not None:
        entries = entries.filter(actor=actor)
    if content_type is not None:
        entries = entries.filter(content_type=content_type)
    if record:
        entries = entries.filter(Q(object_repr__icontains=record) | Q(object_pk=record))
    if date_from:
        entries = entries.filter(timestamp__date__gte=date_from)
    if date_to:
        entries = entries.filter(timestamp__date__lte=date_to)
    if action is not None:
        entries = entries.filter(action=action)
    return entries
