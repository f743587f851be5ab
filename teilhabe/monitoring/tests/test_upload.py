"""The register upload page: dry run and import as a job on the queue (here at once)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_q.conf import Conf

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.monitoring.models import CategoryCount, ReferenceDate, RegisterRun
from teilhabe.monitoring.tests.helpers import HEADER, hierarchy
from teilhabe.monitoring.tests.test_import import EXTRACT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def jobs_run_at_once(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> None:
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.MEDIA_ROOT = tmp_path


def extract(rows: list[str]) -> SimpleUploadedFile:
    content = ("\n".join([HEADER, *rows]) + "\n").encode("cp1252")
    return SimpleUploadedFile("melderegister.csv", content, content_type="text/csv")


def test_dry_run_then_import(users_by_role: dict[str, Any], tmp_path: Path) -> None:
    hierarchy()
    statistics = signed_in_client(users_by_role[Role.STATISTICS.value])
    url = reverse("monitoring:register_upload")
    assert statistics.get(url).status_code == 200
    bad = extract([*EXTRACT, "r99;1980;;m;NOWHERE;TR;;;;;;;"])
    response = statistics.post(url, {"upload": bad, "stichtag": "31.12.2024", "dry_run": "on"})
    run = RegisterRun.objects.get()
    assert response.url == reverse("monitoring:register_status", kwargs={"pk": run.pk})
    assert run.status == "failed" and run.dry_run
    assert [(p["line"], p["column"]) for p in run.problems] == [(13, "gebiet")]
    page = statistics.get(response.url).content.decode()
    assert "gebiet" in page
    assert not any((tmp_path / "register").iterdir()), "the upload is deleted after the job"

    statistics.post(url, {"upload": extract(EXTRACT), "stichtag": "31.12.2024", "dry_run": "on"})
    run = RegisterRun.objects.latest("created_at")
    assert run.status == "done" and run.residents == 11 and run.progress == 100
    assert not ReferenceDate.objects.exists()

    statistics.post(url, {"upload": extract(EXTRACT), "stichtag": "31.12.2024"})
    run = RegisterRun.objects.latest("created_at")
    assert run.status == "done" and not run.dry_run
    assert sum(c.count for c in CategoryCount.objects.filter(area__code="S")) == 11
    fragment = statistics.get(
        reverse("monitoring:register_status", kwargs={"pk": run.pk}), HTTP_HX_REQUEST="true"
    )
    assert b"<html" not in fragment.content and b"import-status" in fragment.content


def test_other_files_are_refused(users_by_role: dict[str, Any]) -> None:
    statistics = signed_in_client(users_by_role[Role.STATISTICS.value])
    upload = SimpleUploadedFile("liste.xlsx", b"PK", content_type="application/zip")
    response = statistics.post(
        reverse("monitoring:register_upload"), {"upload": upload, "stichtag": "31.12.2024"}
    )
    assert response.status_code == 200
    assert not RegisterRun.objects.exists()


def test_coordinator_cannot_upload(users_by_role: dict[str, Any]) -> None:
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    assert coordinator.get(reverse("monitoring:register_upload")).status_code == 403


def test_a_run_whose_worker_died_is_failed(tmp_path: Path) -> None:
    import socket
    import subprocess
    import sys

    from teilhabe.monitoring.jobs import fail_interrupted

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    upload = tmp_path / "register" / "x" / "extract.csv"
    upload.parent.mkdir(parents=True)
    upload.write_text("id\n")
    run = RegisterRun.objects.create(
        stichtag="2024-12-31",
        file_name="melderegister.csv",
        path=str(upload),
        status=RegisterRun.Status.RUNNING,
        worker=f"{socket.gethostname()}:{dead.stdout.strip()}",
    )
    assert fail_interrupted(at_startup=True) == 1
    run.refresh_from_db()
    assert run.status == "failed" and run.path == ""
    assert not upload.exists()
