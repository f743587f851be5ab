"""Logging of reads: every view of a personal record and every export is recorded."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import Model
from django.http import HttpRequest

from teilhabe.core.middleware import client_address

# The fields of a read entry that name the record; every other field is the same for
# all records of one page (log_reads).
_PER_RECORD = ("object_pk", "object_id", "object_repr")


def log_read(request: HttpRequest, instance: Model, what: str = "") -> LogEntry:
    """Records that the signed-in user saw (or exported) `instance`."""
    user: Any = request.user
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_pk=str(instance.pk),
        object_id=instance.pk if isinstance(instance.pk, int) else None,
        object_repr=str(instance)[:255],
        action=LogEntry.Action.ACCESS,
        actor=user if user.is_authenticated else None,
        remote_addr=client_address(request),
        additional_data={"read": what or request.path},
    )


def log_reads(request: HttpRequest, instances: Iterable[Model], what: str) -> None:
    """Records that the user saw each of `instances` (a search result, a page of a list),
    one entry per record, in one statement. A record shown twice on the page (a client
    with two cases) is logged once."""
    unique = list({instance.pk: instance for instance in instances}.values())
    if not unique:
        return
    user: Any = request.user
    shared = LogEntry(
        content_type=ContentType.objects.get_for_model(type(unique[0])),
        action=LogEntry.Action.ACCESS,
        actor=user if user.is_authenticated else None,
        remote_addr=client_address(request),
        additional_data={"read": what},
    )
    records = [
        (str(item.pk), item.pk if isinstance(item.pk, int) else None, str(item)[:255])
        for item in unique
    ]
    _insert_reads(shared, records)


def _insert_reads(shared: LogEntry, records: list[tuple[str, int | None, str]]) -> None:
    """Inserts one entry per (object_pk, object_id, object_repr), every other field as in
    `shared`.

    List pages log up to 50 records on every request. `bulk_create` passes every field
    of every row as a parameter (750 for a page of the case list), which costs 10 to
    20 ms in Django's compiler and psycopg's query parser. Here the shared values are
    parameters once and only the three per-record values repeat:
    INSERT ... SELECT <shared>, v.column1, v.column2, v.column3 FROM (VALUES ...) v.
    Column names come from the model, so a new field of auditlog is filled from `shared`.
    """
    connection = connections[router.db_for_write(LogEntry)]
    quote = connection.ops.quote_name
    fields = [field for field in LogEntry._meta.concrete_fields if not field.primary_key]
    shared_fields = [field for field in fields if field.attname not in _PER_RECORD]
    columns = [*shared_fields, *(LogEntry._meta.get_field(name) for name in _PER_RECORD)]
    # VALUES gives its columns the type of their values; an object_id of NULL in every
    # row would be text in PostgreSQL, so it is cast to the column's type.
    object_id = LogEntry._meta.get_field("object_id").db_type(connection)
    selected = ["%s"] * len(shared_fields)
    selected += ["v.column1", f"CAST(v.column2 AS {object_id})", "v.column3"]
    values = [
        field.get_db_prep_save(field.pre_save(shared, add=True), connection)
        for field in shared_fields
    ]
    limit = connection.features.max_query_params or 10_000
    size = max(1, (limit - len(values)) // len(_PER_RECORD))
    with connection.cursor() as cursor:
        for start in range(0, len(records), size):
            batch = records[start : start + size]
            cursor.execute(
                f"INSERT INTO {quote(LogEntry._meta.db_table)} "  # noqa: S608  (names from the model, values as parameters)
                f"({', '.join(quote(field.column) for field in columns)}) "
                f"SELECT {', '.join(selected)} "
                f"FROM (VALUES {', '.join(['(%s, %s, %s)'] * len(batch))}) AS v",
                [*values, *(value for record in batch for value in record)],
            )


def log_offered(request: HttpRequest, form: Any, field_name: str, what: str) -> None:
    """Records the records a form lists by name to choose from (named attendance: every
    participant to tick), if the form has that field."""
    field = form.fields.get(field_name)
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        log_reads(request, list(queryset), what)
