"""Writing checked rows: one transaction, ids upserted, nothing written twice.

Persons, cases and goals are matched by their ids within the organisation; a row that
equals what is stored is left alone, so a second import of the same files changes
nothing. Sessions have no id of their own: the imported sessions of a case are
replaced only when the file's sessions of that case differ from the stored ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction

from teilhabe.casework.importer.audit import ImportAudit, as_text
from teilhabe.casework.importer.counts import Counts
from teilhabe.casework.importer.fast_insert import insert_rows
from teilhabe.casework.importer.parse import CaseRow, GoalRow, PersonRow, Staged
from teilhabe.casework.importer.store_sessions import store_sessions
from teilhabe.casework.models import Case, Goal, GoalStatusChange, Household, Person
from teilhabe.casework.models.codes import GoalStatus
from teilhabe.casework.name_index import sync_name_keys
from teilhabe.casework.search_keys import phonetic_key, plain_key
from teilhabe.organisations.models import Organisation, Service

BATCH = 2000


@dataclass
class ImportSummary:
    persons: Counts = field(default_factory=Counts)
    cases: Counts = field(default_factory=Counts)
    sessions: Counts = field(default_factory=Counts)
    goals: Counts = field(default_factory=Counts)
    audit_entries: int = 0

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            name: vars(getattr(self, name)) for name in ("persons", "cases", "sessions", "goals")
        }


Label = Callable[[str, dict[str, Any]], str]


def _upsert(
    model: type[models.Model],
    existing: dict[str, Any],
    rows: Iterable[tuple[str, dict[str, Any]]],
    counts: Counts,
    scope: dict[str, Any],
    stored_ids: Any,
    audit: ImportAudit,
    label: Label,
) -> dict[str, int]:
    """Creates or updates by external id; returns external id -> primary key. Every
    created or changed record gets its audit entry.

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
            continue
        changes = {
            name: [as_text(getattr(stored, name)), as_text(value)]
            for name, value in values.items()
            if getattr(stored, name) != value
        }
        if changes:
            for name, value in values.items():
                setattr(stored, name, value)
            if hasattr(stored, "version"):
                stored.version += 1
            changed.append(stored)
            audit.changed(model, stored.pk, label(key, values), changes)
        else:
            counts.unchanged += 1
    insert_rows(model, new)
    if changed and fields:
        extra = ["version"] if hasattr(changed[0], "version") else []
        model._default_manager.bulk_update(changed, [*fields, *extra], batch_size=BATCH)
    counts.created += len(new)
    counts.updated += len(changed)
    ids: dict[str, int] = dict(stored_ids.exclude(external_id="").values_list("external_id", "pk"))
    for row in new:
        key = row["external_id"]
        audit.created(model, ids[key], label(key, row), {**row, "id": ids[key]})
    return ids


class ImportRefusedError(Exception):
    """An existing case would change its service or client."""


def _replace_m2m(
    through: Any, owner: str, other: str, pairs: dict[int, set[int]]
) -> dict[int, tuple[set[int], set[int]]]:
    """Sets the many-to-many rows of the given owners to exactly `pairs`; returns the
    owners whose rows changed, with the rows before and after."""
    current: dict[int, set[int]] = {}
    for owner_id, other_id in through.objects.filter(**{f"{owner}__in": list(pairs)}).values_list(
        owner, other
    ):
        current.setdefault(owner_id, set()).add(other_id)
    stale = [
        owner_id for owner_id, wanted in pairs.items() if current.get(owner_id, set()) != wanted
    ]
    if not stale:
        return {}
    through.objects.filter(**{f"{owner}__in": stale}).delete()
    insert_rows(through, ({owner: o, other: p} for o in stale for p in pairs[o]))
    return {o: (current.get(o, set()), pairs[o]) for o in stale}


def store(
    organisation: Organisation, staged: Staged, *, actor: Any = None, source: str = ""
) -> ImportSummary:
    """Writes the checked rows in one transaction, with an audit entry per record."""
    summary = ImportSummary()
    audit = ImportAudit(getattr(actor, "pk", None), source)
    with transaction.atomic():
        person_ids = _store_persons(
            organisation, staged.persons.values(), summary, staged.has_names, audit
        )
        case_ids = _store_cases(organisation, staged.cases.values(), person_ids, summary, audit)
        if staged.has_sessions:
            store_sessions(staged.sessions, case_ids, person_ids, summary.sessions, audit)
        _store_goals(organisation, staged.goals.values(), case_ids, summary, audit)
        summary.audit_entries = audit.write()
    return summary


def _store_persons(
    organisation: Organisation,
    rows: Iterable[PersonRow],
    summary: ImportSummary,
    has_names: bool,
    audit: ImportAudit,
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
        audit,
        _person_label,
    )
    if has_names:
        sync_name_keys(organisation.pk)
    return ids


def _person_label(key: str, values: dict[str, Any]) -> str:
    name = f"{values.get('first_name', '')} {values.get('last_name', '')}".strip()
    return name or key


def _store_cases(
    organisation: Organisation,
    rows: Iterable[CaseRow],
    person_ids: dict[str, int],
    summary: ImportSummary,
    audit: ImportAudit,
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

    codes = {pk: code for code, pk in services.items()}

    def label(key: str, values: dict[str, Any]) -> str:
        return f"{codes[values['service_id']]} {key}"

    def checked(row: CaseRow) -> tuple[str, dict[str, Any]]:
        data, stored = values(row), existing.get(row.fid)
        # guard.py refuses such files; this is the last line, should it ever be bypassed
        if stored and (stored.service_id, stored.client_id) != (
            data["service_id"],
            data["client_id"],
        ):
            raise ImportRefusedError(row.fid)
        return row.fid, data

    ids = _upsert(
        Case,
        existing,
        (checked(r) for r in rows),
        summary.cases,
        {"organisation_id": organisation.pk},
        Case.objects.filter(organisation=organisation),
        audit,
        label,
    )
    replaced = _replace_m2m(
        Case.co_counselled.through,
        "case_id",
        "person_id",
        {ids[r.fid]: {person_ids[p] for p in r.co_counselled} for r in rows},
    )
    names = {ids[r.fid]: r.fid for r in rows}
    for case_id, (before, after) in replaced.items():
        changes = {"co_counselled": [as_text(sorted(before)), as_text(sorted(after))]}
        audit.changed(Case, case_id, names[case_id], changes)
    return ids


def _store_goals(
    organisation: Organisation,
    rows: Iterable[GoalRow],
    case_ids: dict[str, int],
    summary: ImportSummary,
    audit: ImportAudit,
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
        audit,
        lambda key, values: f"{values['area']}: {values['text'][:60]}",
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
