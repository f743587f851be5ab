"""What every PDF WeasyPrint renders shares: the KERN typeface, the rendering of an
escaping template, and the page margins ("Page X of Y" in the active language and text
for a running head, both as CSS `content` values). In core because reports, documents,
grants, proofs and opening all render PDFs and none of them may import another's."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

FONT_FILES = {  # weight -> file of the KERN design system's typeface
    400: "vendor/kern/fonts/fira-sans/FiraSans-Regular.woff2",
    600: "vendor/kern/fonts/fira-sans/FiraSans-SemiBold.woff2",
    700: "vendor/kern/fonts/fira-sans/FiraSans-Bold.woff2",
}


def font_faces() -> list[tuple[int, str]]:
    """(weight, file URL) of the typeface, where the static files hold it; without them
    the PDF falls back to DejaVu Sans."""
    faces = []
    for weight, name in FONT_FILES.items():
        found = finders.find(name)
        if isinstance(found, str):
            faces.append((weight, Path(found).resolve().as_uri()))
    return faces


def render(template: str, context: dict[str, Any]) -> bytes:
    """The template (which escapes every value) rendered to PDF, with the typeface."""
    from weasyprint import HTML  # loaded on first use: pango is slow to start

    html = render_to_string(template, {**context, "fonts": font_faces()})
    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


def css_string(text: str) -> str:
    """`text` as a quoted CSS string (for `content:` in the page margins). It is put
    into a <style> element unescaped, so < and > are CSS escapes: a name cannot end
    the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ").replace(">", "\\3e ") + '"'


def page_numbers() -> str:
    """The CSS `content` of "Page X of Y" in the active language."""
    parts = re.split(r"(\{page\}|\{pages\})", _("Page {page} of {pages}"))
    tokens = []
    for part in parts:
        if part == "{page}":
            tokens.append("counter(page)")
        elif part == "{pages}":
            tokens.append("counter(pages)")
        elif part:
            tokens.append(css_string(part))
    return " ".join(tokens)


__all__ = ["css_string", "page_numbers"]
