"""The upload page: the import runs as a job on the queue (here synchronously)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_q.conf import Conf

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case, ImportRun, Person
from teilhabe.casework.tests.test_import import FAELLE, PERSONEN
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def jobs_run_at_once(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.MEDIA_ROOT = tmp_path


def zipped(**tables: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in tables.items():
            archive.writestr(f"{name}.csv", text.encode("cp1252"))
    return SimpleUploadedFile("export.zip", buffer.getvalue(), content_type="application/zip")


def test_dry_run_lists_every_error_then_the_import_stores(
    users_by_role: dict[str, Any], provider: Any, tmp_path: Path
) -> None:
    lead = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    personen = PERSONEN.replace("Südviertel", "").replace("Nordstadt", "")
    bad = zipped(personen=personen, faelle=FAELLE.replace("F3;P4;JMD", "F3;P9;JMD"))
    response = lead.post(
        reverse("casework:import"), {"organisation": provider.pk, "upload": bad, "dry_run": "on"}
    )
    run = ImportRun.objects.get()
    assert response.url == reverse("casework:import_status", kwargs={"pk": run.pk})
    assert run.status == "failed" and run.dry_run
    assert run.problems == [
        {
            "file": "faelle.csv",
            "line": 4,
            "column": "person_id",
            "value": "P9",
            "message": "Unbekannte Person.",
        }
    ]
    page = lead.get(response.url).content.decode()
    assert "faelle.csv" in page and "Unbekannte Person." in page
    assert Person.objects.count() == 0
    assert not any((tmp_path / "imports").iterdir()), "the upload is deleted after the job"

    good = zipped(personen=personen, faelle=FAELLE)
    lead.post(reverse("casework:import"), {"organisation": provider.pk, "upload": good})
    run = ImportRun.objects.latest("created_at")
    assert run.status == "done" and run.summary["cases"]["created"] == 3
    assert Case.objects.count() == 3
    # The polling fragment for htmx.
    fragment = lead.get(
        reverse("casework:import_status", kwargs={"pk": run.pk}), HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in fragment.content and b"import-status" in fragment.content


def test_counsellor_cannot_import(users_by_role: dict[str, Any], provider: Any) -> None:
    counsellor = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    assert counsellor.get(reverse("casework:import")).status_code == 403
