"""Letters from templates: a safe, restricted substitution of placeholders.

A template is text a team lead typed; it is never given to Django's template engine,
so it cannot read attributes, call methods or load tags. A placeholder is
`{{ name }}` with a name from a fixed list (DATA: filled from the case, computed here
as plain strings) or a simple word (a free field the counsellor fills in, such as
`{{ appointment_date }}`). Anything else (`{{ client.__class__ }}`, `{% ... %}`)
is refused when the template is saved and stays literal text if it is in a stored
template anyway. The substitution is one pass: a value that looks like a placeholder
(a client called "{{ case.service }}") is not substituted again. The PDF template
escapes everything (render_pdf). The rules are `core/placeholders.py`'s, which grant
notices use too.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case
from teilhabe.core.placeholders import PLACEHOLDER, brace_problems, paragraphs, substitute

FREE_FIELD = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_FREE_FIELDS = 12


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _name(user: Any) -> str:
    return (user.get_full_name() or user.username) if user else ""


# placeholder -> (label for the team lead, value from the case and the writing user)
DATA: dict[str, tuple[str | Promise, Callable[[Case, Any], str]]] = {
    "client.name": (_("name of the client"), lambda case, user: str(case.client)),
    "client.first_name": (_("first name of the client"), lambda case, user: case.client.first_name),
    "client.last_name": (_("last name of the client"), lambda case, user: case.client.last_name),
    "client.address": (_("address of the client"), lambda case, user: case.client.address),
    "case.service": (_("service of the case"), lambda case, user: case.service.name),
    "case.number": (
        _("case number"),
        lambda case, user: case.external_id or str(case.pk),
    ),
    "case.opened_on": (_("date the case was opened"), lambda case, user: _date(case.opened_on)),
    "case.closed_on": (_("date the case was closed"), lambda case, user: _date(case.closed_on)),
    "organisation.name": (_("name of the organisation"), lambda case, user: case.organisation.name),
    "organisation.address": (
        _("address of the organisation"),
        lambda case, user: case.organisation.address,
    ),
    "organisation.phone": (_("phone of the organisation"), lambda c, u: c.organisation.phone),
    "organisation.email": (_("e-mail of the organisation"), lambda c, u: c.organisation.email),
    "counsellor.name": (_("name of the counsellor writing the letter"), lambda c, u: _name(u)),
    "today": (_("today's date"), lambda case, user: _date(timezone.localdate())),
}

# Labels of the free fields the default templates use; other words are shown as typed.
FREE_FIELD_LABELS: dict[str, str | Promise] = {
    "appointment_date": _("Date of the appointment"),
    "appointment_time": _("Time of the appointment"),
    "appointment_place": _("Place of the appointment"),
    "presented_to": _('To be presented to (e.g. "the job centre")'),
}


@dataclass(frozen=True)
class FreeField:
    name: str
    label: str | Promise
    kind: str  # "date", "time" or "text"


def free_field(name: str) -> FreeField:
    kind = "date" if name.endswith("_date") else "time" if name.endswith("_time") else "text"
    return FreeField(name, FREE_FIELD_LABELS.get(name, name.replace("_", " ")), kind)


def free_fields(body: str) -> list[FreeField]:
    """The free fields of a template in the order they first appear."""
    names = [name for name in PLACEHOLDER.findall(body) if name not in DATA and "." not in name]
    return [free_field(name) for name in dict.fromkeys(names)]


def problems(body: str) -> list[str]:
    """What is wrong with a template's text: every `{{ ... }}` that is neither a data
    placeholder nor a free field, and every `{% ... %}`. Empty when it can be saved."""
    found = brace_problems(body, lambda name: name in DATA or bool(FREE_FIELD.match(name)))
    if len(free_fields(body)) > MAX_FREE_FIELDS:
        found.append(str(_("At most %s fields to fill in.")) % MAX_FREE_FIELDS)
    return found


def case_values(case: Case, user: Any) -> dict[str, str]:
    return {name: value(case, user) or "" for name, (_label, value) in DATA.items()}


def format_free(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return "" if value is None else str(value)


def letter_text(body: str, case: Case, user: Any, filled: dict[str, Any]) -> str:
    values = case_values(case, user)
    for field in free_fields(body):
        values[field.name] = format_free(filled.get(field.name))
    return substitute(body, values)


def render_pdf(title: str, text: str, case: Case, user: Any) -> bytes:
    from weasyprint import HTML

    from teilhabe.core.pdf_pages import font_faces

    context = {
        "title": title,
        "paragraphs": paragraphs(text),
        "organisation": case.organisation,
        # the line above the window of the envelope: name and address in one line
        "sender": " · ".join(
            part.strip()
            for part in [case.organisation.name, *case.organisation.address.splitlines()]
            if part.strip()
        ),
        "client": case.client,
        "writer": _name(user),
        "today": timezone.localdate(),
        "fonts": font_faces(),
    }
    html = render_to_string("documents/letter_pdf.html", context)
    return bytes(HTML(string=html).write_pdf())
