"""Files and builders for the documents tests and the role matrix."""

from __future__ import annotations

import datetime
import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.casework.models import Case
from teilhabe.documents import services, templates_service
from teilhabe.documents.models import LetterTemplate


def small_pdf(text: str = "Einwilligung") -> bytes:
    """A complete one-page PDF with `text` (written by hand: objects, xref, trailer)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def small_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def small_jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), (30, 30, 200)).save(out, format="JPEG")
    return out.getvalue()


def uploaded(content: bytes, name: str = "einwilligung.pdf", kind: str = "application/pdf") -> Any:
    return SimpleUploadedFile(name, content, content_type=kind)


def documents_world(case_id: int, user: Any) -> dict[str, Any]:
    """A document of the case and a letter template of its organisation (role matrix)."""
    case = Case.objects.get(pk=case_id)
    document = services.upload(
        uploaded(small_pdf()),
        case=case,
        kind="einwilligung",
        title="Einwilligung",
        document_date=datetime.date(2024, 1, 2),
        user=user,
    )
    templates_service.ensure_defaults(case.organisation_id)
    template = LetterTemplate.objects.filter(organisation_id=case.organisation_id).first()
    assert template is not None
    return {"<document>": document.pk, "<letter_template>": template.pk}
