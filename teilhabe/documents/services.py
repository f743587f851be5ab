"""Write paths of documents: upload, storing a produced letter, deletion, moving a
merged duplicate's documents (the files go in signals.py when a row goes)."""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models import Case, Person
from teilhabe.documents import storage
from teilhabe.documents.models import Document, DocumentKind

WRONG_TYPE = gettext_lazy("Only PDF files and PNG or JPEG images can be stored.")


class UploadRefused(Exception):
    """The file is not stored; the message says why (shown to the user)."""


def max_upload() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD)


def too_large_message() -> str:
    return _("The file is larger than %(limit)s MB.") % {"limit": max_upload() // (1024 * 1024)}


def _store(chunks: Iterable[bytes]) -> storage.StoredFile:
    try:
        stored = storage.store(chunks, max_upload())
    except storage.TooLarge:
        raise UploadRefused(too_large_message()) from None
    content_type = storage.sniff(stored.head)
    intact = content_type == storage.PDF or (
        content_type is not None and storage.image_is_intact(storage.path_of(stored.file_id))
    )
    if not intact:
        storage.remove(stored.file_id)
        raise UploadRefused(str(WRONG_TYPE))
    return stored


def _create(
    stored: storage.StoredFile, *, case: Case | None, client: Person | None, **fields: Any
) -> Document:
    owner = case or client
    assert owner is not None
    try:
        with transaction.atomic():
            return Document.objects.create(
                organisation_id=owner.organisation_id,
                case=case,
                client=None if case else client,
                content_type=storage.sniff(stored.head) or "",
                size=stored.size,
                file_id=stored.file_id,
                sha256=stored.sha256,
                **fields,
            )
    except BaseException:
        storage.remove(stored.file_id)  # no row, no file
        raise


def upload(
    upload: Any,
    *,
    case: Case | None = None,
    client: Person | None = None,
    kind: str,
    title: str,
    document_date: datetime.date,
    user: Any,
) -> Document:
    """Stores an uploaded file (Django's UploadedFile) for a case or a client. The size
    is checked before and while writing, the type by the content after."""
    if (upload.size or 0) > max_upload():
        raise UploadRefused(too_large_message())
    stored = _store(upload.chunks())
    return _create(
        stored,
        case=case,
        client=client,
        kind=kind,
        title=title.strip(),
        document_date=document_date,
        uploaded_by=user,
    )


def store_letter(case: Case, pdf: bytes, *, title: str, user: Any) -> Document:
    """Files a produced letter (a PDF) as a document of the case."""
    stored = _store([pdf])
    return _create(
        stored,
        case=case,
        client=None,
        kind=DocumentKind.LETTER,
        title=title[:200],
        document_date=timezone.localdate(),
        uploaded_by=user,
    )


def delete(document: Document) -> None:
    """Deletes the row; the file goes when the transaction commits (signals.py)."""
    document.delete()


def move_to_kept_client(keep: Person, duplicate: Person) -> int:
    """A merged duplicate's own documents move to the kept record (case documents move
    with their cases). Saved one by one, so that each move is in the audit log."""
    moved = 0
    for document in Document.objects.filter(client=duplicate):
        document.client = keep
        document.save(update_fields=["client"])
        moved += 1
    return moved


SWEEP_AFTER = datetime.timedelta(hours=1)
SWEEP_CHUNK = 500


def sweep_orphans(older_than: datetime.timedelta = SWEEP_AFTER) -> int:
    """Removes files that no row names: left when a process died between writing a
    file and committing its row, or between committing a deletion and removing the
    file. Files younger than `older_than` may belong to an upload in progress."""
    cutoff = time.time() - older_than.total_seconds()
    old = {
        path.name: path
        for path in storage.root().glob("??/*")
        if path.is_file() and storage.is_file_id(path.name) and path.stat().st_mtime < cutoff
    }
    names = sorted(old)
    known: set[str] = set()
    for start in range(0, len(names), SWEEP_CHUNK):
        part = names[start : start + SWEEP_CHUNK]
        known |= set(Document.objects.filter(file_id__in=part).values_list("file_id", flat=True))
    orphans = [name for name in names if name not in known]
    for name in orphans:
        storage.remove(name)
    return len(orphans)


def sweep_at_startup(at_startup: bool = False) -> int:
    """A recovery of core/jobs.py: the worker sweeps when it starts. Marks no run as
    failed, so it counts 0."""
    if at_startup:
        sweep_orphans()
    return 0
