"""PDFs of grants (notice, decision pack, minutes) with WeasyPrint, in the KERN
typeface where the static files hold it (as reports/export_pdf.py does; not imported,
since reports reads casework, which grants never imports)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

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


def render(template: str, context: dict[str, Any]) -> bytes:
    """The template (which escapes every value) rendered to PDF."""
    from weasyprint import HTML  # loaded on first use: pango is slow to start

    html = render_to_string(template, {**context, "fonts": font_faces()})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
