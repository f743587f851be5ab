"""The private document folder: files named by random ids, outside the web root.

`settings.DOCUMENT_ROOT` (default `$TEILHABE_DATA_DIR/dokumente`) is served by nothing;
a file leaves it only through the download view, which checks access and writes an
audit entry. The uploaded name is never part of a path. The type is decided by the
content (`sniff`), not by the name or the browser's content type.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.http import FileResponse, Http404

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: "pdf", PNG: "png", JPEG: "jpg"}

# What a file starts with decides its type; nothing else is accepted.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)
HEAD = 16


def sniff(head: bytes) -> str | None:
    """The content type of a file that starts with `head`, or None when it is none of
    PDF, PNG and JPEG (an executable starts with MZ or \\x7fELF, HTML with <)."""
    for signature, content_type in SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None


def image_is_intact(path: Path) -> bool:
    """Whether Pillow reads the image's structure (a PNG or JPEG header in front of
    anything else is refused). Pillow comes with WeasyPrint."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for a broken file
        return False
    return True


def root() -> Path:
    folder = Path(settings.DOCUMENT_ROOT)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def is_file_id(name: str) -> bool:
    return len(name) == 32 and all(c in "0123456789abcdef" for c in name)


def path_of(file_id: str) -> Path:
    if not is_file_id(file_id):
        raise ValueError(file_id)  # only ids this module made; never a path from outside
    return root() / file_id[:2] / file_id


@dataclass(frozen=True)
class StoredFile:
    file_id: str
    size: int
    sha256: str
    head: bytes


class TooLarge(Exception):
    pass


def store(chunks: Iterable[bytes], limit: int) -> StoredFile:
    """Writes `chunks` under a new random id (mode 600); refuses past `limit` bytes and
    then leaves nothing behind."""
    file_id = secrets.token_hex(16)
    target = path_of(file_id)
    target.parent.mkdir(mode=0o700, exist_ok=True)
    digest, size, head = hashlib.sha256(), 0, b""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            for chunk in chunks:
                size += len(chunk)
                if size > limit:
                    raise TooLarge
                if len(head) < HEAD:
                    head += chunk[: HEAD - len(head)]
                digest.update(chunk)
                stream.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return StoredFile(file_id, size, digest.hexdigest(), head)


def open_file(file_id: str) -> BinaryIO:
    return path_of(file_id).open("rb")


def exists(file_id: str) -> bool:
    return path_of(file_id).is_file()


def remove(file_id: str) -> None:
    path_of(file_id).unlink(missing_ok=True)


def download_name(title: str, content_type: str, default: str = "dokument") -> str:
    """A file name from the title: letters, digits, dashes; the extension from the type
    the content has (a title "x.exe" does not make an executable)."""
    stem = re.sub(r"[^\w-]+", "_", title, flags=re.UNICODE).strip("_")[:80] or default
    return f"{stem}.{EXTENSIONS.get(content_type, 'bin')}"


def download(file_id: str, filename: str, content_type: str) -> FileResponse:
    """A stored file as an attachment (404 when it is gone); the browser is told not to
    guess another type than the stored one, which is the content's own."""
    if not exists(file_id):
        raise Http404
    response = FileResponse(
        open_file(file_id), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
