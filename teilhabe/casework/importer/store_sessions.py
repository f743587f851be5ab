"""Writing a casework import's sessions (contacts).

Sessions have no id of their own: the imported sessions of a case are replaced only
when the file's sessions of that case differ from the stored ones, and then the case's
audit entry says how many went and how many came.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from teilhabe.casework.importer.audit import ImportAudit
from teilhabe.casework.importer.counts import Counts
from teilhabe.casework.importer.fast_insert import insert_rows
from teilhabe.casework.importer.parse import SessionRow
from teilhabe.casework.models import Session

BATCH = 2000


Signature = tuple[Any, ...]


def _signature(
    date: Any,
    duration: Any,
    form: str,
    topics: Iterable[str],
    language: str,
    interpreter: Any,
    present: Iterable[int],
) -> Signature:
    return (date, duration, form, tuple(topics), language, interpreter, tuple(sorted(present)))


def _stored_sessions(case_ids: list[int]) -> dict[int, list[Signature]]:
    imported = Session.objects.filter(case_id__in=case_ids, imported=True)
    presence: dict[int, list[int]] = {}
    through = Session.present.through
    for session_id, person_id in through.objects.filter(session__in=imported).values_list(
        "session_id", "person_id"
    ):
        presence.setdefault(session_id, []).append(person_id)
    stored: dict[int, list[Signature]] = {}
    columns = (
        "pk",
        "case_id",
        "date",
        "duration_minutes",
        "form",
        "topics",
        "language",
        "interpreter",
    )
    for pk, case, date, duration, form, topics, language, interpreter in imported.values_list(
        *columns
    ).iterator(chunk_size=BATCH):
        stored.setdefault(case, []).append(
            _signature(date, duration, form, topics, language, interpreter, presence.get(pk, []))
        )
    return stored


def store_sessions(
    rows: list[SessionRow],
    case_ids: dict[str, int],
    person_ids: dict[str, int],
    counts: Counts,
    audit: ImportAudit,
) -> None:
    wanted: dict[int, list[Signature]] = {}
    for row in rows:
        present = [person_ids[p] for p in row.present]
        wanted.setdefault(case_ids[row.fid], []).append(
            _signature(
                row.date, row.duration, row.form, row.topics, row.language, row.interpreter, present
            )
        )
    rows.clear()  # the signatures carry everything; free the staged rows
    stored = (
        _stored_sessions(list(wanted)) if Session.objects.filter(imported=True).exists() else {}
    )
    stale = [
        case
        for case, sessions in wanted.items()
        if Counter(sessions) != Counter(stored.get(case, []))
    ]
    counts.unchanged = sum(len(wanted[case]) for case in wanted) - sum(
        len(wanted[case]) for case in stale
    )
    if not stale:
        return
    counts.updated = sum(len(stored.get(case, [])) for case in stale)
    names = {pk: key for key, pk in case_ids.items()}
    for case in stale:
        audit.sessions_replaced(case, names[case], len(stored.get(case, [])), len(wanted[case]))
    Session.objects.filter(case_id__in=stale, imported=True).delete()
    # Sessions with persons present need their primary keys for the many-to-many rows;
    # the others (most of them) go in as plain rows.
    with_people: list[Session] = []
    people: list[tuple[int, ...]] = []

    def plain_rows() -> Iterable[dict[str, Any]]:
        for case in stale:
            for date, duration, form, topics, language, interpreter, present in wanted[case]:
                values = {
                    "case_id": case,
                    "date": date,
                    "duration_minutes": duration,
                    "form": form,
                    "topics": list(topics),
                    "language": language,
                    "interpreter": interpreter,
                    "imported": True,
                }
                if present:
                    with_people.append(Session(**values))
                    people.append(present)
                else:
                    yield values

    created = insert_rows(Session, plain_rows())
    saved = Session.objects.bulk_create(with_people, batch_size=BATCH)
    through = Session.present.through
    insert_rows(
        through,
        (
            {"session_id": s.pk, "person_id": p}
            for s, present in zip(saved, people, strict=True)
            for p in present
        ),
    )
    counts.created = created + len(saved)
