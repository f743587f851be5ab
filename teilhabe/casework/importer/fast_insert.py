"""Plain multi-row INSERTs for the bulk import, without building model instances.

Django's bulk_create compiles every value of every row through the ORM; for the
hundreds of thousands of sessions of a big city that costs more than the database
work. Here each column is prepared once per value only where the database needs it
(JSON, dates), and rows go to the database with executemany in chunks.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, models
from django.utils import timezone

CHUNK = 5000
PREPARED = (models.JSONField, models.DateField, models.DateTimeField)


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Inserts rows given as {attname: value}; missing columns take the field default."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    defaults: dict[str, Any] = {}
    for field in fields:
        if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
            defaults[field.attname] = now
        else:  # the declared default, "" for text, None where NULL is allowed
            defaults[field.attname] = field.get_default()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    # Only names from the model's own metadata go into the statement; values are parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({placeholders})"  # noqa: S608
    prepare: list[tuple[str, Any]] = [
        (field.attname, field if isinstance(field, PREPARED) else None) for field in fields
    ]
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            values = []
            for name, field in prepare:
                value = row[name] if name in row else defaults[name]
                values.append(field.get_db_prep_save(value, connection) if field else value)
            batch.append(values)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
