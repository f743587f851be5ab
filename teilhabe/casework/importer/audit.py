"""The audit log of an import: one entry per record it created or changed.

The import writes with bulk statements that bypass django-auditlog's signals, so it
writes the entries itself, in the format auditlog uses (`changes` maps each field to
its old and new value as text), with plain multi-row INSERTs: a big city's first import
creates hundreds of thousands of records, and each must be traceable to the run and the
person who started it. Sessions have no id of their own; when the import replaces a
case's sessions, the case gets one entry saying how many went and came.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from teilhabe.casework.importer.fast_insert import CHUNK, insert_rows

FLUSH_AT = CHUNK
# Search keys derived from the name: the name itself is in the entry.
DERIVED = frozenset({"name_plain", "name_phonetic"})


def as_text(value: Any) -> str:
    """A value as auditlog writes it into `changes`."""
    return "None" if value is None else str(value)


@dataclass
class ImportAudit:
    actor_id: int | None
    source: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    written: int = 0

    def _add(
        self,
        model: type[models.Model],
        pk: int,
        label: str,
        action: int,
        changes: dict[str, list[str]],
        **extra: Any,
    ) -> None:
        self.rows.append(
            {
                "content_type_id": ContentType.objects.get_for_model(model).pk,
                "object_pk": str(pk),
                "object_id": pk,
                "object_repr": label[:255],
                "action": action,
                "changes": changes,
                "changes_text": "",
                "actor_id": self.actor_id,
                "timestamp": timezone.now(),
                "additional_data": {"casework_import": self.source, **extra},
            }
        )
        if len(self.rows) >= FLUSH_AT:  # a big import's entries never pile up in memory
            self.write()

    def created(
        self, model: type[models.Model], pk: int, label: str, values: dict[str, Any]
    ) -> None:
        changes = {
            name: ["None", as_text(value)] for name, value in values.items() if name not in DERIVED
        }
        self._add(model, pk, label, LogEntry.Action.CREATE, changes)

    def changed(
        self, model: type[models.Model], pk: int, label: str, changes: dict[str, list[str]]
    ) -> None:
        changes = {name: pair for name, pair in changes.items() if name not in DERIVED}
        self._add(model, pk, label, LogEntry.Action.UPDATE, changes)

    def sessions_replaced(self, case_pk: int, label: str, removed: int, added: int) -> None:
        from teilhabe.casework.models import Case

        changes = {"sessions": [str(removed), str(added)]}
        self._add(Case, case_pk, label, LogEntry.Action.UPDATE, changes, sessions_replaced=True)

    def write(self) -> int:
        """Writes what is pending; returns how many entries the import wrote in all."""
        self.written += insert_rows(LogEntry, self.rows)
        self.rows.clear()
        return self.written
