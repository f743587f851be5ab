"""A document's file goes with its row, however the row goes: deleted on its own, with
its case (the retention run deletes cases, the ORM cascades to their documents) or
with its client. Django sends post_delete for every cascaded row, so one receiver
covers them all. The file is removed only once the deletion is committed: a rolled
back deletion keeps its file."""

from __future__ import annotations

from typing import Any

from auditlog.context import auditlog_disabled
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete

from teilhabe.casework.merge import client_merged
from teilhabe.documents import services, storage
from teilhabe.documents.models import Document


def remove_file(sender: Any, instance: Document, **kwargs: Any) -> None:
    file_id = instance.file_id
    transaction.on_commit(lambda: storage.remove(file_id), robust=True)
    if auditlog_disabled.get():
        # A silent deletion is the retention run's (retention/services.py): it keeps
        # who did what to which record, but not the deleted values. It redacts the
        # entries of casework's records; this does the same for the document's.
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Document),
            object_pk=str(instance.pk),
        ).update(
            changes=None,
            changes_text="",
            serialized_data=None,
            object_repr=f"document {instance.pk}",
        )


def move_documents(sender: Any, keep: Any, duplicate: Any, **kwargs: Any) -> None:
    services.move_to_kept_client(keep, duplicate)


def connect() -> None:
    post_delete.connect(remove_file, sender=Document, dispatch_uid="documents_remove_file")
    client_merged.connect(move_documents, dispatch_uid="documents_move_on_merge")
