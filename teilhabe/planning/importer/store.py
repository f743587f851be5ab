"""Storing a checked plan import: upsert by code (what the files do not name stays as
it is), progress entries added in file order, an entry already stored skipped.

Runs inside the caller's transaction; check.py has refused every bad reference, so
nothing here fails on the content of the files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor, ActorKind
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Area, Organisation
from teilhabe.planning.importer.parse import GoalRow, Staged
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry

# The kind of an actor the import names for the first time; the coordinator can change
# it in the network's directory.
NEW_ACTOR_KIND = "sonstige"


@dataclass
class Summary:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    progress_added: int = 0
    progress_skipped: int = 0
    actors_created: list[str] = field(default_factory=list)

    def count(self, what: str, created: bool) -> None:
        counts = self.counts.setdefault(what, {"created": 0, "updated": 0})
        counts["created" if created else "updated"] += 1


def _upsert(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any]
) -> tuple[Any, bool]:
    instance, created = model.objects.get_or_create(**lookup, defaults=values)  # type: ignore[attr-defined]
    if not created:
        for name, value in values.items():
            setattr(instance, name, value)
        # A page's form loaded before the import must not overwrite it (core/versioning).
        if hasattr(instance, "version"):
            instance.version += 1
        instance.save()
    return instance, created


class Actors:
    """Resolves `federfuehrung` and `partner`: an organisation's short name gives its
    actor; otherwise the actor of that name; otherwise a new actor outside Teilhabe."""

    def __init__(self, summary: Summary) -> None:
        self.summary = summary
        self.cache: dict[str, Actor] = {}

    def get(self, value: str) -> Actor:
        key = value.casefold()
        if key not in self.cache:
            organisation = Organisation.objects.filter(slug=value).first()
            actor = (
                actor_for_organisation(organisation)
                if organisation is not None
                else Actor.objects.filter(name__iexact=value).order_by("pk").first()
            )
            if actor is None:
                kind = ActorKind.objects.get(code=NEW_ACTOR_KIND)
                actor = Actor.objects.create(name=value, kind=kind)
                self.summary.actors_created.append(value)
            self.cache[key] = actor
        return self.cache[key]


def _parents_first(rows: Iterable[GoalRow], staged: Staged) -> list[GoalRow]:
    """Goals ordered so that a parent named in the files is stored before its children
    (check.py has refused cycles)."""
    ordered: list[GoalRow] = []
    placed: set[str] = set()

    def place(row: GoalRow) -> None:
        if row.code in placed:
            return
        placed.add(row.code)
        parent = staged.goals.get(row.parent)
        if parent is not None:
            place(parent)
        ordered.append(row)

    for row in rows:
        place(row)
    return ordered


def _store_goals(concept: Concept, staged: Staged, summary: Summary) -> None:
    fields = {f.code: f for f in FieldOfAction.objects.filter(concept=concept)}
    goals = {g.code: g for g in Goal.objects.filter(concept=concept)}
    areas = dict(Area.objects.values_list("code", "pk"))
    for row in _parents_first(staged.goals.values(), staged):
        values = {
            "title": row.title,
            "field": fields[row.field] if row.field else None,
            "parent": goals[row.parent] if row.parent else None,
            "area_id": areas[row.area] if row.area else None,
        }
        goals[row.code], created = _upsert(Goal, {"concept": concept, "code": row.code}, values)
        summary.count("goals", created)


def _store_measures(concept: Concept, staged: Staged, summary: Summary) -> None:
    goals = dict(Goal.objects.filter(concept=concept).values_list("code", "pk"))
    areas = dict(Area.objects.values_list("code", "pk"))
    programmes = dict(FundingProgramme.objects.values_list("code", "pk"))
    actors = Actors(summary)

    def has(column: str) -> bool:
        return staged.has("massnahmen", column)

    for row in staged.measures.values():
        values: dict[str, Any] = {"title": row.title}
        optional: dict[str, tuple[str, Any]] = {
            "beschreibung": ("description", row.description),
            "beginn": ("starts_on", row.starts),
            "ende": ("planned_end", row.ends),
            "kosten": ("planned_cost", row.cost),
            "finanzierung": ("funding_id", programmes.get(row.funding)),
        }
        for column, (name, value) in optional.items():
            if has(column):
                values[name] = value
        if has("federfuehrung"):
            values["lead"] = actors.get(row.lead) if row.lead else None
        measure, created = _upsert(Measure, {"concept": concept, "code": row.code}, values)
        measure.goals.set([goals[code] for code in row.goals])
        if has("gebiete"):
            measure.areas.set([areas[code] for code in row.areas])
        if has("partner"):
            measure.partners.set([actors.get(name) for name in row.partners])
        summary.count("measures", created)


def _store_progress(concept: Concept, staged: Staged, summary: Summary) -> None:
    measures = dict(Measure.objects.filter(concept=concept).values_list("code", "pk"))
    stored = set(
        ProgressEntry.objects.filter(
            measure__concept=concept, measure__code__in={e.measure for e in staged.progress}
        ).values_list("measure_id", "date", "status", "stand", "remark")
    )
    new = []
    for entry in staged.progress:
        measure_id = measures[entry.measure]
        key = (measure_id, entry.date, entry.status, entry.stand, entry.remark)
        if key in stored:
            summary.progress_skipped += 1
            continue
        new.append(
            ProgressEntry(
                measure_id=measure_id,
                date=entry.date,
                status=entry.status,
                stand=entry.stand,
                remark=entry.remark,
            )
        )
    # Inserted in file order: the ids, and so the order of same-date entries, follow the
    # file (figures.py).
    ProgressEntry.objects.bulk_create(new, batch_size=1000)
    summary.progress_added = len(new)


def store(concept: Concept, staged: Staged) -> Summary:
    summary = Summary()
    for row in staged.programmes.values():
        values = {
            "title": row.title,
            "funder": row.funder,
            "amount_per_year": row.amount,
            "starts_on": row.starts,
            "ends_on": row.ends,
        }
        _programme, created = _upsert(FundingProgramme, {"code": row.code}, values)
        summary.count("programmes", created)
    for field_row in staged.fields.values():
        _field, created = _upsert(
            FieldOfAction, {"concept": concept, "code": field_row.code}, {"title": field_row.title}
        )
        summary.count("fields", created)
    _store_goals(concept, staged, summary)
    _store_measures(concept, staged, summary)
    _store_progress(concept, staged, summary)
    return summary
