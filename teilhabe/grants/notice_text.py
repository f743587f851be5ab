"""The text of a grant notice from its template: a restricted substitution of
placeholders, the same rules as the letters of `documents/letters.py`.

The template is text the coordinator typed; it never reaches Django's template engine.
A placeholder is `{{ name }}` with a name from the fixed list `PLACEHOLDERS`; anything
else in braces (`{{ grant.__class__ }}`, `{% load %}`) is refused when the template is
saved and stays literal text if it is in a stored template anyway. The substitution is
one pass, so a value that looks like a placeholder (a project called
"{{ grant.amount }}") is not substituted again. The PDF template escapes everything.

The rules live in `core/placeholders.py`, which the letters use too (the letters' module
itself reads casework's models, which grants must never import).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from teilhabe.core.placeholders import brace_problems, paragraphs, substitute

__all__ = ["PLACEHOLDERS", "paragraphs", "problems", "substitute"]

# placeholder -> what it stands for (shown beside the template's text)
PLACEHOLDERS: dict[str, str | Promise] = {
    "recipient.name": _("applicant organisation"),
    "recipient.address": _("address of the applicant organisation"),
    "project.title": _("project title"),
    "project.purpose": _("purpose of the grant"),
    "project.start": _("start of the period of the grant"),
    "project.end": _("end of the period of the grant"),
    "grant.amount": _("amount granted, e.g. 4.500,00 €"),
    "grant.reference": _("reference of the application"),
    "grant.decided_on": _("date of the board's meeting"),
    "application.submitted_on": _("date the application was submitted"),
    "fund.name": _("name of the fund"),
    "board.name": _("name of the board"),
    "proof.due_on": _("date the proof of use is due"),
    "conditions": _("further conditions of this grant"),
    "authority.name": _("name of the granting organisation"),
    "today": _("date of the notice"),
}


def problems(body: str) -> list[str]:
    """What stops the template from being saved: every `{{ … }}` that is not a known
    placeholder and every `{% … %}`. Empty when it can be saved."""
    found = brace_problems(body, lambda name: name in PLACEHOLDERS)
    if not body.strip():
        found.append(gettext("The text of the notice cannot be empty."))
    return found
