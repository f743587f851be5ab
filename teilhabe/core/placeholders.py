"""The restricted placeholder substitution that letters (documents/letters.py) and
grant notices (grants/notice_text.py) share.

A template is text a user typed; it never reaches Django's template engine, so it cannot
read attributes, call methods or load tags. A placeholder is `{{ name }}` (letters,
digits, underscores, at most one dot); which names a template may use is the caller's
list. Anything else in braces is refused when the template is saved (`brace_problems`)
and stays literal text if it is in a stored template anyway. The substitution is one
pass, so a value that looks like a placeholder is not substituted again.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.translation import gettext

# A placeholder as substituted: letters, digits, underscores, at most one dot.
PLACEHOLDER = re.compile(r"\{\{\s*([a-z][a-z0-9_]{0,39}(?:\.[a-z][a-z0-9_]{0,39})?)\s*\}\}")
# Anything that looks like one, for the check when a template is saved.
ANY_BRACES = re.compile(r"\{\{(.*?)\}\}|\{%(.*?)%\}", re.DOTALL)


def brace_problems(body: str, allowed: Callable[[str], bool]) -> list[str]:
    """Every `{% … %}` and every `{{ … }}` whose name `allowed` refuses, as messages."""
    found: list[str] = []
    for match in ANY_BRACES.finditer(body):
        if match.group(2) is not None:
            found.append(gettext("Template tags are not supported: %s") % match.group(0))
        elif not allowed(match.group(1).strip()):
            found.append(gettext("Unknown placeholder: %s") % match.group(0))
    return found


def substitute(body: str, values: dict[str, str]) -> str:
    """`body` with each known placeholder replaced by its value, in one pass; anything
    else stays as it is."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        return values[name] if name in values else match.group(0)

    return PLACEHOLDER.sub(replace, body)


def paragraphs(text: str) -> list[list[str]]:
    """Paragraphs (split at empty lines), each a list of lines."""
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    return [block.split("\n") for block in blocks if block.strip()]
