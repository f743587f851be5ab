"""Page margins of the PDFs WeasyPrint renders: "Page X of Y" in the active language and
text for a running head, both as CSS `content` values. In core because reports and
proofs both need them and proofs must not import reports (which reads casework)."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _


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
