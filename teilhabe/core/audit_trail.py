"""Logging of reads: every view of a personal record and every export is recorded."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.http import HttpRequest


def log_read(request: HttpRequest, instance: Model, what: str = "") -> LogEntry:
    """Records that the signed-in user saw (or exported) `instance`."""
    user: Any = request.user
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk),
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=str(instance)[:255],
        action=LogEntry.Action.ACCESS,
        actor=user if user.is_authenticated else None,
        remote_addr=request.META.get("REMOTE_ADDR"),
        additional_data={"read": what or request.path},
    )
