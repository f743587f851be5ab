"""Writing checked rows: one transaction, ids upserted, nothing written twice.

Persons, cases and goals are matched by their ids within the organisation; a row that
equals what is stored is left alone, so a second import of the same files changes
nothing. Sessions have no id of their own: the imported sessions of a case are
replaced only when the file's sessions of that case differ from the stored ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from teilhabe.casework.importer.fast_insert import insert_rows
from teilhabe.casework.importer.parse import CaseRow, GoalRow, PersonRow, SessionRow, Staged
from teilhabe.casework.models import Case, Goal, GoalStatusChange, Household, Person, Session
from teilhabe.casework.models.codes import GoalStatus
from teilhabe.casework.name_index import sync_name_keys
from teilhabe.casework.search_keys import phonetic_key, plain_key
from teilhabe.organisations.models import Organisation, Service

BATCH = 2000


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class ImportSummary:
    persons: Counts = field(default_factory=Counts)
    cases: Counts = field(default_factory=Counts)
    sessions: Counts = field(default_factory=Counts)
    goals: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            name: vars(getattr(self, name)) for name in ("persons", "cases", "sessions", "goals")
        }


def _upsert(
    model: type[models.Model],
    existing: dict[str, Any],
    rows: Iterable[tuple[str, dict[str, Any]]],
    counts: Counts,
    scope: dict[str, Any],
    stored_ids: Any,
) -> dict[str, int]:
    """Creates or updates by external id; returns external id -> primary key.

    `stored_ids` is the queryset of (external id, pk) pairs to read after inserting.
    """
    fields: list[str] = []
    new: list[dict[str, Any]] = []
    changed = []
    for key, values in rows:
        fields = fields or list(values)
        stored = existing.get(key)
        if stored is None:
            new.append({"external_id": key, **scope, **values})
        elif any(getattr(stored, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(stored, name, value)
            if hasattr(stored, "version"):
                stored.version += 1
            changed.append(stored)
        else:
            counts.unchanged += 1
    insert_rows(model, new)
    if changed and fields:
        extra = ["version"] if hasattr(changed[0], "version") else []
        model._default_manager.bulk_update(changed, [*fields, *extra], batch_size=BATCH)
    counts.created += len(new)
    counts.updated += len(changed)
    return dict(stored_ids.exclude(external_id="").values_list("external_id", "pk"))


def _replace_m2m(through: Any, owner: str, other: str, pairs: dict[int, set[int]]) -> None:
    """Sets the many-to-many rows of the given owners to exactly `pairs`."""
    current: dict[int, set[int]] = {}
    for owner_id, other_id in through.objects.filter(**{f"{owner}__in": list(pairs)}).values_list(
        owner, other
    ):
        current.setdefault(owner_id, set()).add(other_id)
    stale = [
        owner_id for owner_id, wanted in pairs.items() if current.get(owner_id, set()) != wanted
    ]
    if not stale:
        return
    through.objects.filter(**{f"{owner}__in": stale}).delete()
    insert_rows(through, ({owner: o, other: p} for o in stale for p in pairs[o]))


def store(organisation: Organisation, staged: Staged) -> ImportSummary:
    summary = ImportSummary()
    with transaction.atomic():
        person_ids = _store_persons(
            organisation, staged.persons.values(), summary, staged.has_names
        )
        case_ids = _store_cases(organisation, staged.cases.values(), person_ids, summary)
        if staged.has_sessions:
            _store_sessions(staged.sessions, case_ids, person_ids, summary)
        _store_goals(organisation, staged.goals.values(), case_ids, summary)
    return summary


def _store_persons(
    organisation: Organisation, rows: Iterable[PersonRow], summary: ImportSummary, has_names: bool
) -> dict[str, int]:
    rows = list(rows)
    households = {h.external_id: h.pk for h in Household.objects.filter(organisation=organisation)}
    missing = {row.household for row in rows if row.household and row.household not in households}
    created = Household.objects.bulk_create(
        [Household(organisation=organisation, external_id=key) for key in sorted(missing)]
    )
    households.update({h.external_id: h.pk for h in created})
    existing = {
        p.external_id: p
        for p in Person.objects.filter(organisation=organisation).exclude(external_id="")
    }

    def values(row: PersonRow) -> dict[str, Any]:
        data = {
            "gender": row.gender,
            "birth_year": row.birth_year,
            "nationalities": row.nationalities,
            "country_of_origin": row.origin,
            "country_of_birth": row.birth_country,
            "legal_status": row.legal_status,
            "district_id": int(row.district) if row.district else None,
            "arrival_date": row.arrival,
            "languages": row.languages,
            "school_qualification": row.school,
            "household_id": households.get(row.household),
        }
        if has_names:
            # bulk writes skip Person.save, so the search keys are set here
            full_name = f"{row.first_name} {row.last_name}"
            data.update(
                first_name=row.first_name,
                last_name=row.last_name,
                name_plain=plain_key(full_name),
                name_phonetic=phonetic_key(full_name),
            )
        return data

    ids = _upsert(
        Person,
        existing,
        ((r.pid, values(r)) for r in rows),
        summary.persons,
        {"organisation_id": organisation.pk},
        Person.objects.filter(organisation=organisation),
    )
    if has_names:
        sync_name_keys(organisation.pk)
    return ids


def _store_cases(
    organisation: Organisation,
    rows: Iterable[CaseRow],
    person_ids: dict[str, int],
    summary: ImportSummary,
) -> dict[str, int]:
    rows = list(rows)
    services = dict(Service.objects.values_list("code", "pk"))
    existing = {
        c.external_id: c
        for c in Case.objects.filter(organisation=organisation).exclude(external_id="")
    }

    def values(row: CaseRow) -> dict[str, Any]:
        return {
            "service_id": services[row.service],
            "client_id": person_ids[row.pid],
            "kind": row.kind,
            "opened_on": row.opened,
            "closed_on": row.closed,
            "access_route": row.access_route,
            "closing_reason": row.closing_reason,
        }

    ids = _upsert(
        Case,
        existing,
        ((r.fid, values(r)) for r in rows),
        summary.cases,
        {"organisation_id": organisation.pk},
        Case.objects.filter(organisation=organisation),
    )
    _replace_m2m(
        Case.co_counselled.through,
        "case_id",
        "person_id",
        {ids[r.fid]: {person_ids[p] for p in r.co_counselled} for r in rows},
    )
    return ids


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


def _store_sessions(
    rows: list[SessionRow],
    case_ids: dict[str, int],
    person_ids: dict[str, int],
    summary: ImportSummary,
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
    summary.sessions.unchanged = sum(len(wanted[case]) for case in wanted) - sum(
        len(wanted[case]) for case in stale
    )
    if not stale:
        return
    summary.sessions.updated = sum(len(stored.get(case, [])) for case in stale)
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
    summary.sessions.created = created + len(saved)


def _store_goals(
    organisation: Organisation,
    rows: Iterable[GoalRow],
    case_ids: dict[str, int],
    summary: ImportSummary,
) -> None:
    rows = list(rows)
    existing = {
        g.external_id: g
        for g in Goal.objects.filter(case__organisation=organisation).exclude(external_id="")
    }
    before = {key: goal.status for key, goal in existing.items()}

    def values(row: GoalRow) -> dict[str, Any]:
        return {
            "case_id": case_ids[row.fid],
            "area": row.area,
            "text": row.text,
            "agreed_on": row.agreed,
            "status": row.status,
            "status_on": row.status_on or row.agreed,
        }

    ids = _upsert(
        Goal,
        existing,
        ((r.gid, values(r)) for r in rows),
        summary.goals,
        {},
        Goal.objects.filter(case__organisation=organisation),
    )

    # The history is only ever added to (annual-report.md: in progress from the day the
    # goal was agreed, then the imported status from its day).
    def history() -> Iterable[dict[str, Any]]:
        for row in rows:
            assert row.agreed is not None  # a required column, checked before storing
            goal_id, status_on = ids[row.gid], row.status_on or row.agreed
            if row.gid not in before:
                yield {"goal_id": goal_id, "status": GoalStatus.IN_PROGRESS, "set_on": row.agreed}
                if row.status != GoalStatus.IN_PROGRESS:
                    yield {"goal_id": goal_id, "status": row.status, "set_on": status_on}
            elif before[row.gid] != row.status:
                yield {"goal_id": goal_id, "status": row.status, "set_on": status_on}

    insert_rows(GoalStatusChange, history())
