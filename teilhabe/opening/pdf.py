"""The certificate as a PDF with WeasyPrint, in the KERN typeface where the static files
hold it (the way grants/pdf.py does; not imported, since opening does not build on
grants: shared/CITY-LEVEL.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from teilhabe.opening.models import Certificate

FONT_FILES = {
    400: "vendor/kern/fonts/fira-sans/FiraSans-Regular.woff2",
    700: "vendor/kern/fonts/fira-sans/FiraSans-Bold.woff2",
}


def font_faces() -> list[tuple[int, str]]:
    faces = []
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if isinstance(found, str):
            faces.append((weight, Path(found).resolve().as_uri()))
    return faces


def certificate_pdf(certificate: Certificate, issuer: Any = None) -> bytes:
    """The certificate names the institution, the catalogue and its version, the dates
    and the number; the template escapes every value."""
    from weasyprint import HTML  # loaded on first use: pango is slow to start

    areas = certificate.catalogue.areas.all()
    html = render_to_string(
        "opening/certificate_pdf.html",
        {
            "certificate": certificate,
            "areas": areas,
            "issuer": issuer,
            "fonts": font_faces(),
        },
    )
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
