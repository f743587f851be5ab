"""Logging of reads: every view of a personal record and every export is recorded."""

from __future__ import annotations

from collections.abc import Sequence
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


def log_reads(request: HttpRequest, instances: Sequence[Model], what: str) -> None:
    """Records that the user saw each of `instances` (a search result), in one INSERT."""
    if not instances:
        return
    user: Any = request.user
    content_type = ContentType.objects.get_for_model(type(instances[0]))
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(instance.pk),
                object_id=instance.pk,
                object_repr=str(instance)[:255],
                action=LogEntry.Action.ACCESS,
                actor=user if user.is_authenticated else None,
                remote_addr=request.META.get("REMOTE_ADDR"),
                additional_data={"read": what},
            )
            for instance in instances
        ]
    )
