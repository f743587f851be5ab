"""The upload page of the plan import: a dry run or the import of shared/formats/plan.md
files as a job on the queue (django-q2, here run at once as in casework's tests), the
counts and every error as `file:line:column: message` on the status page, the upload
deleted after the job, refused when it is not a ZIP or XLSX by its content."""

from __future__ import annotations

import io
import socket
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_q.conf import Conf
from openpyxl import Workbook

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.core.upload_runs import archive_kind
from teilhabe.funding.models import FundingProgramme
from teilhabe.planning.jobs import fail_interrupted
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry
from teilhabe.planning.models_import import PlanImportRun
from teilhabe.planning.tests.plan_files import FILES, make_areas

pytestmark = pytest.mark.django_db

UPLOAD = reverse("planning:import")


@pytest.fixture(autouse=True)
def jobs_run_at_once(
    monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path
) -> Iterator[None]:
    # The real queue's async_task, run in the request instead of a worker process.
    monkeypatch.setattr(Conf, "SYNC", True)
    settings.MEDIA_ROOT = tmp_path / "media"
    make_areas()
    yield


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.INTEGRATION_COORDINATOR.value]


def zipped(files: dict[str, str] | None = None, name: str = "plan.zip") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for file, text in (files if files is not None else FILES).items():
            archive.writestr(f"plan/{file}", text.encode("cp1252"))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


def workbook(name: str = "plan.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    book.remove(book.active)
    for file, text in FILES.items():
        sheet = book.create_sheet(file.removesuffix(".csv"))
        for line in text.splitlines():
            sheet.append(line.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def post(client: Client, upload: Any, dry_run: bool, slug: str = "wir2") -> Any:
    data: dict[str, Any] = {"upload": upload, "konzept": slug, "titel": "WIR 2.0"}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(UPLOAD, data)


def nothing_stored() -> bool:
    return not any(
        model.objects.exists()
        for model in (Concept, FieldOfAction, Goal, Measure, ProgressEntry, FundingProgramme)
    )


def upload_folder_empty(settings: Any) -> bool:
    folder = Path(settings.MEDIA_ROOT) / "plan-imports"
    return not folder.exists() or not any(folder.iterdir())


def counts(run: PlanImportRun) -> dict[str, tuple[int, int, int | None, int | None]]:
    return {
        kind: (c["in_files"], c["created"], c.get("updated"), c.get("skipped"))
        for kind, c in run.summary["counts"].items()
    }


FIRST_TIME = {
    "fields": (2, 2, 0, None),
    "goals": (7, 7, 0, None),
    "measures": (6, 6, 0, None),
    "programmes": (5, 5, 0, None),
    "progress": (15, 15, None, 0),
}


def test_a_dry_run_stores_nothing_and_shows_what_would_be_stored(
    coordinator: Any, settings: Any
) -> None:
    client = signed_in_client(coordinator)
    response = post(client, zipped(), dry_run=True)
    run = PlanImportRun.objects.get()
    assert response.url == reverse("planning:import_status", kwargs={"pk": run.pk})
    assert (run.status, run.dry_run, run.progress) == ("done", True, 100)
    assert counts(run) == FIRST_TIME
    assert run.summary["concept_new"] is True
    assert sorted(run.summary["actors_created"]) == ["Grundschule Nord", "Volkshochschule"]
    assert nothing_stored()
    assert not LogEntry.objects.filter(additional_data__has_key="plan_import").exists()
    assert upload_folder_empty(settings), "the upload is deleted after the job"

    page = client.get(response.url)
    rows = [(r["in_files"], r["created"], r["updated"], r["skipped"]) for r in page.context["rows"]]
    assert rows == list(FIRST_TIME.values())
    html = page.content.decode()
    assert '<td class="kern-table__cell kern-table__cell--numeric">15</td>' in html
    assert reverse("planning:concept_detail", kwargs={"slug": "wir2"}) not in html


def test_the_import_stores_links_the_concept_and_writes_the_audit_log(
    coordinator: Any, settings: Any
) -> None:
    client = signed_in_client(coordinator)
    response = post(client, zipped(), dry_run=False)
    run = PlanImportRun.objects.get()
    assert (run.status, run.dry_run) == ("done", False)
    assert counts(run) == FIRST_TIME
    concept = Concept.objects.get(slug="wir2")
    assert concept.title == "WIR 2.0"
    assert (concept.measures.count(), ProgressEntry.objects.count()) == (6, 15)
    assert upload_folder_empty(settings)
    html = client.get(response.url).content.decode()
    assert f'href="{reverse("planning:concept_detail", kwargs={"slug": "wir2"})}"' in html

    entry = LogEntry.objects.get(additional_data__plan_import="plan.zip")
    assert (entry.actor, entry.object_pk) == (coordinator, str(concept.pk))
    measure = Measure.objects.get(code="M1")
    # The records' own entries (created, goals and areas set) name the importing user.
    actors = {e.actor for e in LogEntry.objects.get_for_object(measure)}
    assert actors == {coordinator}

    # Again: every record is updated by its code, every progress entry skipped.
    post(client, zipped(), dry_run=True)
    again = PlanImportRun.objects.latest("created_at")
    assert counts(again)["fields"] == (2, 0, 2, None)
    assert counts(again)["progress"] == (15, 0, None, 15)
    assert again.summary["concept_new"] is False


def test_an_xlsx_is_recognised_by_its_content_whatever_its_name(coordinator: Any) -> None:
    client = signed_in_client(coordinator)
    post(client, workbook("Plan 2024.dat"), dry_run=False)
    run = PlanImportRun.objects.get()
    assert (run.status, run.file_name) == ("done", "Plan 2024.dat")
    assert Measure.objects.count() == 6


def test_a_bad_file_lists_every_error_with_file_line_column_and_stores_nothing(
    coordinator: Any, settings: Any
) -> None:
    files = {
        **FILES,
        "massnahmen.csv": FILES["massnahmen.csv"].replace("M4;Jobpaten;Z2.1;", "M4;Jobpaten;Z9;"),
        "fortschritt.csv": FILES["fortschritt.csv"].replace(
            "M6;15.11.2024;laufend;80", "M6;15.11.2024;laufend;180"
        ),
    }
    client = signed_in_client(coordinator)
    response = post(client, zipped(files), dry_run=False)
    run = PlanImportRun.objects.get()
    assert run.status == "failed"
    # Cells are checked first, then the references between the files (importer/).
    assert [(p["file"], p["line"], p["column"], p["value"]) for p in run.problems] == [
        ("fortschritt.csv", 15, "stand", "180"),
        ("massnahmen.csv", 5, "ziele", "Z9"),
    ]
    assert nothing_stored()
    assert upload_folder_empty(settings)
    html = client.get(response.url).content.decode()
    for problem in run.problems:
        line = f"{problem['file']}:{problem['line']}:{problem['column']}: {problem['message']}"
        assert line in html
    assert "massnahmen.csv:5:ziele: " in html and "fortschritt.csv:15:stand: " in html


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.zip", FILES["massnahmen.csv"].encode()),  # a CSV called ZIP
        ("plan.xlsx", b"%PDF-1.4 not a workbook"),
        ("plan.zip", b"PK\x03\x04 broken archive"),
    ],
)
def test_a_file_that_is_neither_zip_nor_xlsx_is_refused(
    coordinator: Any, settings: Any, name: str, content: bytes
) -> None:
    client = signed_in_client(coordinator)
    response = post(client, SimpleUploadedFile(name, content), dry_run=True)
    assert response.status_code == 200
    assert response.context["form"].errors["upload"]
    assert not PlanImportRun.objects.exists()
    assert upload_folder_empty(settings)


def test_an_upload_over_the_limit_is_refused(coordinator: Any, settings: Any) -> None:
    settings.IMPORT_MAX_UPLOAD = 100
    response = post(signed_in_client(coordinator), zipped(), dry_run=True)
    assert response.context["form"].errors["upload"]
    assert not PlanImportRun.objects.exists()
    assert upload_folder_empty(settings)


def test_a_reserved_or_malformed_short_name_is_refused(coordinator: Any) -> None:
    client = signed_in_client(coordinator)
    for slug in ("import", "WIR 2"):
        response = post(client, zipped(), dry_run=True, slug=slug)
        assert response.context["form"].errors["konzept"], slug
    assert not PlanImportRun.objects.exists()


@pytest.mark.parametrize("role", [Role.STATISTICS, Role.TEAM_LEAD, Role.COUNSELLOR])
def test_other_roles_cannot_upload(users_by_role: dict[str, Any], role: Role) -> None:
    client = signed_in_client(users_by_role[role.value])
    assert post(client, zipped(), dry_run=False).status_code == 403
    assert not PlanImportRun.objects.exists() and nothing_stored()


def test_the_status_fragment_polls_while_the_job_runs(coordinator: Any) -> None:
    run = PlanImportRun.objects.create(concept_slug="wir2", file_name="plan.zip")
    url = reverse("planning:import_status", kwargs={"pk": run.pk})
    fragment = signed_in_client(coordinator).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="import-status"' in fragment
    assert f'hx-get="{url}"' in fragment


def test_a_run_whose_worker_died_fails_and_its_upload_goes(settings: Any) -> None:
    folder = Path(settings.MEDIA_ROOT) / "plan-imports" / "abc"
    folder.mkdir(parents=True)
    (folder / "plan.zip").write_bytes(b"PK")
    run = PlanImportRun.objects.create(
        concept_slug="wir2",
        file_name="plan.zip",
        path=str(folder / "plan.zip"),
        status="running",
        worker=f"{socket.gethostname()}:999999999",  # no such process
    )
    assert fail_interrupted() == 1
    run.refresh_from_db()
    assert (run.status, run.path, len(run.problems)) == ("failed", "", 1)
    assert not folder.exists()


def test_archive_kind_reads_the_content(tmp_path: Path) -> None:
    xlsx, plain_zip, csv = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    xlsx.write_bytes(workbook().read())
    plain_zip.write_bytes(zipped().read())
    csv.write_bytes(b"code;titel\n")
    assert [archive_kind(p) for p in (xlsx, plain_zip, csv)] == [".xlsx", ".zip", None]


def test_the_concept_list_links_the_upload_for_the_coordinator_only(
    users_by_role: dict[str, Any],
) -> None:
    link = f'href="{UPLOAD}"'
    listing = reverse("planning:concept_list")
    keeper = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    reader = signed_in_client(users_by_role[Role.STATISTICS.value])
    assert link in keeper.get(listing).content.decode()
    assert link not in reader.get(listing).content.decode()


def test_an_existing_concept_keeps_its_title(coordinator: Any) -> None:
    Concept.objects.create(slug="wir2", title="WIR 2.0 (Ratsbeschluss)")
    post(signed_in_client(coordinator), zipped(), dry_run=False)
    assert Concept.objects.get(slug="wir2").title == "WIR 2.0 (Ratsbeschluss)"
    assert PlanImportRun.objects.get().summary["concept_new"] is False


def test_an_internal_error_ends_the_run_with_a_general_message(
    coordinator: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a value of the files")

    monkeypatch.setattr("teilhabe.planning.import_upload.import_plan", broken)
    post(signed_in_client(coordinator), zipped(), dry_run=False)
    run = PlanImportRun.objects.get()
    assert (run.status, len(run.problems)) == ("failed", 1)
    assert "a value of the files" not in run.problems[0]["message"]
    assert str(run.pk) in run.problems[0]["message"]
    assert nothing_stored() and upload_folder_empty(settings)
