"""A document's file goes with its row: with the case in the retention run (a cascade),
with the client, on its own; it stays when the deletion is rolled back, and a merged
duplicate's documents move to the kept record."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import transaction

from teilhabe.casework import services as casework
from teilhabe.casework.merge import merge_clients
from teilhabe.casework.models import Case, Person
from teilhabe.documents import services, storage
from teilhabe.documents.models import Document
from teilhabe.documents.tests.world import small_pdf, uploaded
from teilhabe.organisations.models import Organisation
from teilhabe.retention import services as retention

pytestmark = pytest.mark.django_db


def add(user: Any, *, case: Case | None = None, client: Person | None = None) -> Document:
    return services.upload(
        uploaded(small_pdf()),
        case=case,
        client=client,
        kind="bescheid",
        title="Bescheid Frau Kovalenko",
        document_date=datetime.date(2020, 5, 1),
        user=user,
    )


def on_disk(document: Document) -> bool:
    return Path(storage.path_of(document.file_id)).is_file()


def test_the_retention_run_removes_the_documents_and_files_of_a_deleted_case(
    case: Case, counsellor: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS = False
    casework.close_case(case, closed_on=datetime.date(2024, 6, 30), reason="ziele_erreicht")
    of_case, of_client = add(counsellor, case=case), add(counsellor, client=case.client)
    # an earlier change names the title: the run keeps the record number, not the values
    of_case.title = "Bescheid Frau Kovalenko (Kopie)"
    of_case.save()

    with django_capture_on_commit_callbacks(execute=True):
        run = retention.run_now(datetime.date(2028, 1, 1))

    assert run.cases == 1 and run.persons == 1
    assert not Case.objects.filter(pk=case.pk).exists()
    assert not Document.objects.exists()
    assert not on_disk(of_case) and not on_disk(of_client)
    assert list(Path(settings.DOCUMENT_ROOT).rglob("*.*")) == []
    entries = LogEntry.objects.filter(content_type__model="document")
    assert entries.exists()
    assert all(e.changes is None and "Kovalenko" not in e.object_repr for e in entries)


def test_a_rolled_back_deletion_keeps_the_file(
    case: Case, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = add(counsellor, case=case)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        case.delete()
        raise RuntimeError
    assert Document.objects.filter(pk=document.pk).exists() and on_disk(document)


def test_deleting_a_client_removes_their_documents_files(
    provider: Organisation, counsellor: Any, django_capture_on_commit_callbacks: Any
) -> None:
    person = Person.objects.create(organisation=provider, first_name="Amir", last_name="Haddad")
    document = add(counsellor, client=person)
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()
    assert not Document.objects.exists() and not on_disk(document)


def test_a_merged_duplicates_documents_move_to_the_kept_record(
    case: Case, counsellor: Any, lead: Any, django_capture_on_commit_callbacks: Any
) -> None:
    keep = case.client
    duplicate = Person.objects.create(
        organisation=keep.organisation, first_name="Olena", last_name="Kowalenko"
    )
    other_case = casework.open_case(
        client=duplicate,
        service_id=case.service_id,
        kind="beratung",
        opened_on=datetime.date(2024, 2, 1),
        access_route="familie",
        responsible=counsellor,
    )
    of_duplicate, of_its_case = add(counsellor, client=duplicate), add(counsellor, case=other_case)

    with django_capture_on_commit_callbacks(execute=True):
        merge_clients(keep, duplicate, user=lead)

    of_duplicate.refresh_from_db()
    of_its_case.refresh_from_db()
    assert of_duplicate.client == keep and of_its_case.case == other_case
    assert on_disk(of_duplicate) and on_disk(of_its_case)


def test_files_no_row_names_are_swept_when_old_enough(case: Case, counsellor: Any) -> None:
    import os
    import time

    kept = add(counsellor, case=case)
    orphan = storage.store([small_pdf()], limit=10**6)
    fresh = storage.store([small_pdf()], limit=10**6)  # an upload in progress
    hours_ago = time.time() - 2 * 3600
    for file_id in (kept.file_id, orphan.file_id):
        os.utime(storage.path_of(file_id), (hours_ago, hours_ago))

    assert services.sweep_orphans() == 1

    assert on_disk(kept) and storage.exists(fresh.file_id)
    assert not storage.exists(orphan.file_id)
