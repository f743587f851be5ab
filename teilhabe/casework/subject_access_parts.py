"""Parts of a data-subject access export that other apps contribute (appointments,
reminders, documents, ...).

Casework knows no app above it, so an app registers a part in its AppConfig.ready. The
export calls each part with the person and the cases the export shows — already
limited to what the reader may open (subject_access.collect) — and the part returns
rows of label → value, plain text only. What a part leaves out of those cases it
must not show."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

# (person, the cases the export shows, whether the reader gets everything) -> rows
PartRows = Callable[[Any, Sequence[Any], bool], list[dict[str, str]]]


@dataclass(frozen=True)
class SubjectAccessPart:
    key: str  # the key in the JSON export
    title: str | Promise
    rows: PartRows


_parts: dict[str, SubjectAccessPart] = {}


def register_subject_access_part(part: SubjectAccessPart) -> SubjectAccessPart:
    _parts[part.key] = part
    return part


def collect_parts(person: Any, cases: Sequence[Any], full: bool) -> list[dict[str, Any]]:
    return [
        {"key": part.key, "title": str(part.title), "rows": part.rows(person, cases, full)}
        for part in _parts.values()
    ]
