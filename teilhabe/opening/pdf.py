"""The certificate as a PDF (`core/pdf_pages.render`: WeasyPrint, the KERN typeface)."""

from __future__ import annotations

from typing import Any

from teilhabe.core import pdf_pages
from teilhabe.opening.models import Certificate


def certificate_pdf(certificate: Certificate, issuer: Any = None) -> bytes:
    """The certificate names the institution, the catalogue and its version, the dates
    and the number; the template escapes every value."""
    areas = certificate.catalogue.areas.all()
    return pdf_pages.render(
        "opening/certificate_pdf.html",
        {"certificate": certificate, "areas": areas, "issuer": issuer},
    )
