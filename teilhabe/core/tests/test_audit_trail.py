"""log_reads writes the same entries as log_read, one per record, in one statement."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.casework.models import Person
from teilhabe.core.audit_trail import log_read, log_reads
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
COMPARED = [
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
    "actor_email",
]


def _request(user: Any) -> Any:
    request = RequestFactory().get("/fallarbeit/faelle/", REMOTE_ADDR="192.0.2.7")
    request.user = user
    return request


def _fields(entry: LogEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in COMPARED}


def test_a_page_of_reads_equals_single_reads(provider: Organisation) -> None:
    user = User.objects.create(username="leserin")
    persons = [
        Person.objects.create(organisation=provider, first_name=name, last_name="O'Brien; --")
        for name in ("Olena", "Hans", "=1+1")
    ]
    request = _request(user)
    with CaptureQueriesContext(connection) as queries:
        log_reads(request, [*persons, persons[0]], "case-list")  # shown twice: logged once
    assert len([q for q in queries.captured_queries if "INSERT" in q["sql"]]) == 1
    batch = list(LogEntry.objects.filter(additional_data__read="case-list").order_by("object_id"))
    LogEntry.objects.filter(additional_data__read="case-list").delete()
    for person in persons:
        log_read(request, person, "case-list")
    single = list(LogEntry.objects.filter(additional_data__read="case-list").order_by("object_id"))
    assert [_fields(entry) for entry in batch] == [_fields(entry) for entry in single]
    assert batch[0].actor == user and batch[0].content_type.model == "person"
    assert abs(batch[0].timestamp - timezone.now()) < datetime.timedelta(minutes=1)


def test_records_with_a_text_key_have_no_object_id(db: None) -> None:
    sessions = [
        Session.objects.create(session_key=f"k{i}", session_data="", expire_date=timezone.now())
        for i in range(2)
    ]
    log_reads(_request(User.objects.create(username="x")), sessions, "sessions")
    entries = LogEntry.objects.filter(additional_data__read="sessions")
    assert sorted(entries.values_list("object_pk", "object_id")) == [("k0", None), ("k1", None)]


def test_more_records_than_one_statement_takes(db: None, provider: Organisation) -> None:
    persons = Person.objects.bulk_create(
        [Person(organisation=provider, first_name=f"P{i}") for i in range(400)]
    )
    log_reads(_request(User.objects.create(username="y")), persons, "many")
    assert LogEntry.objects.filter(additional_data__read="many").count() == 400


def test_nothing_shown_writes_nothing(db: None) -> None:
    log_reads(_request(User.objects.create(username="z")), [], "none")
    assert not LogEntry.objects.filter(additional_data__read="none").exists()
