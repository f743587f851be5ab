"""Evidence of a process (photos of door signs, leaflets in several languages, training
certificates): stored like a case document in the private folder (documents/storage.py:
random name, size counted while writing, type decided by the content, PDF, PNG or JPEG
only), checked by the coach (accepted or returned with a note). The file goes when its
row goes (a post_delete receiver, after the commit)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext as _

from teilhabe.documents import storage
from teilhabe.opening.models import Criterion, EvidenceKind
from teilhabe.opening.models_process import Evidence, EvidenceStatus, Process


def max_upload() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD)


def _too_large() -> str:
    return _("The file is larger than %(limit)s MB.") % {"limit": max_upload() // (1024 * 1024)}


def _store(upload: Any) -> storage.StoredFile:
    if (upload.size or 0) > max_upload():
        raise ValidationError(_too_large())
    try:
        stored = storage.store(upload.chunks(), max_upload())
    except storage.TooLarge:
        raise ValidationError(_too_large()) from None
    content_type = storage.sniff(stored.head)
    intact = content_type == storage.PDF or (
        content_type is not None and storage.image_is_intact(storage.path_of(stored.file_id))
    )
    if not intact:
        storage.remove(stored.file_id)
        raise ValidationError(_("Only PDF files and PNG or JPEG images can be stored."))
    return stored


def upload(
    process: Process,
    upload: Any,
    *,
    title: str,
    criterion: Criterion | None,
    kind: EvidenceKind | None,
    user: Any,
) -> Evidence:
    catalogue_id = process.catalogue_id
    if criterion is not None and criterion.area.catalogue_id != catalogue_id:
        raise ValidationError(_("The criterion belongs to another catalogue."))
    if kind is not None and kind.catalogue_id != catalogue_id:
        raise ValidationError(_("The kind of evidence belongs to another catalogue."))
    stored = _store(upload)
    try:
        with transaction.atomic():
            return Evidence.objects.create(
                process=process,
                criterion=criterion,
                kind=kind,
                title=title.strip()[:200],
                content_type=storage.sniff(stored.head) or "",
                size=stored.size,
                file_id=stored.file_id,
                sha256=stored.sha256,
                uploaded_by=user if getattr(user, "pk", None) else None,
            )
    except BaseException:
        storage.remove(stored.file_id)  # no row, no file
        raise


def check(
    evidence: Evidence, *, accepted: bool, note: str, day: datetime.date, user: Any
) -> Evidence:
    """The coach's decision; a returned piece needs a note saying what is missing."""
    if not accepted and not note.strip():
        raise ValidationError(_("Say why the evidence is returned."))
    evidence.status = EvidenceStatus.ACCEPTED if accepted else EvidenceStatus.RETURNED
    evidence.note, evidence.checked_on = note.strip(), day
    evidence.checked_by = user if getattr(user, "pk", None) else None
    evidence.save(update_fields=["status", "note", "checked_on", "checked_by"])
    return evidence


@receiver(post_delete, sender=Evidence, dispatch_uid="opening_evidence_file")
def _remove_file(sender: type, instance: Evidence, **_kwargs: Any) -> None:
    file_id = instance.file_id
    transaction.on_commit(lambda: storage.remove(file_id))
