"""Keeps the name index (models.NameKey) in step with the persons' names.

Person.save re-indexes its person; the bulk import, which bypasses save, calls
`sync_name_keys` for the organisation it wrote to. `teilhabe reindex_names` (and the
migration that created the index) run the same sync for every organisation.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import transaction

from teilhabe.casework.importer.fast_insert import insert_rows
from teilhabe.casework.models import NameKey, Person
from teilhabe.casework.search_keys import name_keys

DELETE_CHUNK = 5000


def index_person(person: Person) -> None:
    keys = name_keys(f"{person.first_name} {person.last_name}")
    stored = set(NameKey.objects.filter(person=person).values_list("word", "code"))
    if keys == stored:
        return
    with transaction.atomic():
        NameKey.objects.filter(person=person).delete()
        NameKey.objects.bulk_create(
            NameKey(person=person, organisation_id=person.organisation_id, word=w, code=c)
            for w, c in sorted(keys)
        )


def sync_name_keys(organisation_id: int) -> int:
    """Re-indexes the persons of one organisation whose keys differ from their name;
    returns how many persons were re-indexed."""
    stored: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for person_id, word, code in NameKey.objects.filter(
        organisation_id=organisation_id
    ).values_list("person_id", "word", "code"):
        stored[person_id].add((word, code))
    stale: list[int] = []
    rows: list[dict[str, Any]] = []
    for pk, first, last in Person.objects.filter(organisation_id=organisation_id).values_list(
        "pk", "first_name", "last_name"
    ):
        keys = name_keys(f"{first} {last}")
        if keys != stored.get(pk, set()):
            stale.append(pk)
            rows.extend(
                {"person_id": pk, "organisation_id": organisation_id, "word": w, "code": c}
                for w, c in keys
            )
    with transaction.atomic():
        for start in range(0, len(stale), DELETE_CHUNK):
            NameKey.objects.filter(person_id__in=stale[start : start + DELETE_CHUNK]).delete()
        insert_rows(NameKey, rows)
    return len(stale)
