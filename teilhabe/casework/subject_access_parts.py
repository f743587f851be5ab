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


# Records about persons outside casework (a registration for a public event names a
# person who may never have been a client): the data-protection officer's search finds
# them by the words searched for. (query, at most) -> the records found, each as its
# model instance (for the audit log's read entry) and its rows of label -> value.
FoundRecords = Callable[[str, int], list[tuple[Any, dict[str, str]]]]
SHOWN_AT_MOST = 100


@dataclass(frozen=True)
class RecordsOutsideCasework:
    key: str
    title: str | Promise
    find: FoundRecords
    kept: Callable[[], str]  # how long these records are kept, said next to them


_outside: dict[str, RecordsOutsideCasework] = {}


def register_records_outside_casework(part: RecordsOutsideCasework) -> RecordsOutsideCasework:
    _outside[part.key] = part
    return part


def find_records_outside_casework(query: str) -> list[dict[str, Any]]:
    """Every registered kind with what it found for `query` (also when nothing), and
    whether more were found than shown (the search must then be narrowed)."""
    kinds = []
    for part in _outside.values():
        found = part.find(query, SHOWN_AT_MOST + 1)
        kinds.append(
            {
                "key": part.key,
                "title": str(part.title),
                "kept": part.kept(),
                "found": found[:SHOWN_AT_MOST],
                "more": len(found) > SHOWN_AT_MOST,
            }
        )
    return kinds
