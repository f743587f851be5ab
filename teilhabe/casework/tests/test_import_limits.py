"""Hostile uploads (issue 9, findings 4 and 5): bombs, broken members, files of errors.

Each is refused as a problem of the file, quickly and in bounded memory, by the job
and by the command line alike; no run stays "running".
"""

from __future__ import annotations

import re
import struct
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font

from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.jobs import run_import
from teilhabe.casework.models import Case, ImportRun, Person
from teilhabe.casework.tests.test_import import FAELLE, PERSONEN, folder
from teilhabe.core.tabular import TableError
from teilhabe.organisations.models import Area, Organisation
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def organisation(db: None) -> Organisation:
    city = Area.objects.create(code="S", name="Teststadt")
    Area.objects.create(code="S-1", name="Nordstadt", parent=city, level=1)
    Area.objects.create(code="S-2", name="Südviertel", parent=city, level=1)
    return create_organisation("diakonie", "Diakonie", ["MBE", "JMD"])


def problems(path: Path, organisation: Organisation) -> list[str]:
    with pytest.raises(TableError) as raised:
        import_casework(path, organisation)
    assert Person.objects.count() == 0 and Case.objects.count() == 0, "nothing may be stored"
    return [str(problem) for problem in raised.value.problems]


def zipped(path: Path, **members: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(f"{name}.csv", data)
    return path


def patch_member(path: Path, *, flags: int | None = None, method: int | None = None) -> None:
    """Sets the flags or the compression method of every member, in the local headers
    and in the central directory, as a tool with other options would write them."""
    data = bytearray(path.read_bytes())
    for signature, flag_at, method_at in ((b"PK\x03\x04", 6, 8), (b"PK\x01\x02", 8, 10)):
        for match in re.finditer(re.escape(signature), data):
            if flags is not None:
                struct.pack_into("<H", data, match.start() + flag_at, flags)
            if method is not None:
                struct.pack_into("<H", data, match.start() + method_at, method)
    path.write_bytes(bytes(data))


def test_zip_bomb_is_refused_by_its_directory(
    tmp_path: Path, organisation: Organisation, settings: Any
) -> None:
    settings.IMPORT_MAX_UNPACKED = 1024 * 1024
    bomb = zipped(
        tmp_path / "bomb.zip",
        personen=PERSONEN.encode() + b"\n" * (3 * 1024 * 1024),
        faelle=FAELLE.encode(),
    )
    assert bomb.stat().st_size < 20_000
    assert problems(bomb, organisation) == [
        "bomb.zip:1:: Unpacked, the upload is larger than the limit of 1 MB."
    ]


def test_limit_counts_what_is_read_when_the_directory_lies(
    tmp_path: Path, organisation: Organisation, settings: Any
) -> None:
    # A folder has no directory to check first: the bytes read are counted, across files.
    settings.IMPORT_MAX_UNPACKED = 1024 * 1024
    path = folder(tmp_path, kontakte="fall_id;datum\n" + "F1;01.01.2024\n" * 100_000)
    assert problems(path, organisation) == [
        "kontakte.csv:1:: Unpacked, the upload is larger than the limit of 1 MB."
    ]


def test_rows_columns_and_line_length_have_limits(
    tmp_path: Path, organisation: Organisation, settings: Any
) -> None:
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 3, 20
    assert problems(folder(tmp_path), organisation) == [
        "personen.csv:5:: The table has more than 3 rows."
    ]
    settings.IMPORT_MAX_ROWS = 100
    wide = "person_id" + ";x" * 30 + "\n"
    assert problems(folder(tmp_path, personen=wide), organisation) == [
        "personen.csv:1:: The table has more than 20 columns."
    ]
    endless = "person_id;geschlecht\nP1;" + "w" * (1024 * 1024 + 10)
    assert problems(folder(tmp_path, personen=endless), organisation) == [
        "personen.csv:2:: The line is longer than 1048576 characters."
    ]


def test_duplicate_header_column_is_refused(tmp_path: Path, organisation: Organisation) -> None:
    twice = PERSONEN.replace("haushalt_id", "Geschlecht", 1)
    assert problems(folder(tmp_path, personen=twice), organisation) == [
        "personen.csv:1:geschlecht: The column appears more than once."
    ]


def sheet_with_dimension(path: Path, dimension: str) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, text in {"personen": PERSONEN, "faelle": FAELLE}.items():
        sheet = workbook.create_sheet(name)
        for line in text.strip().splitlines():
            sheet.append(line.split(";"))
    # A formatted empty cell in the last row: openpyxl used to pad every row up to it
    # to the claimed 16,384 columns.
    workbook["personen"]["A1048576"].font = Font(bold=True)
    plain = path.with_suffix(".tmp")
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(info, data)
    return path


def test_xlsx_claiming_every_cell_is_read_in_seconds(
    tmp_path: Path, organisation: Organisation
) -> None:
    book = sheet_with_dimension(tmp_path / "export.xlsx", "A1:XFD1048576")
    started = time.monotonic()
    import_casework(book, organisation)
    assert time.monotonic() - started < 10
    assert Case.objects.count() == 3


def test_xlsx_with_a_cell_far_out_is_refused(
    tmp_path: Path, organisation: Organisation, settings: Any
) -> None:
    settings.IMPORT_MAX_ROWS = 1000
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, text in {"personen": PERSONEN, "faelle": FAELLE}.items():
        sheet = workbook.create_sheet(name)
        for line in text.strip().splitlines():
            sheet.append(line.split(";"))
    workbook["personen"]["XFD3"] = "x"
    workbook["faelle"]["A5000"] = "x"
    workbook.save(tmp_path / "far.xlsx")
    found = problems(tmp_path / "far.xlsx", organisation)
    assert found == ["far.xlsx[personen]:3:: The table has more than 200 columns."]


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        ({"flags": 1}, "personen.csv: The file is encrypted; upload it without a password."),
        (
            {"method": 9},
            "personen.csv: The file is compressed with a method that is not supported.",
        ),
    ],
)
def test_encrypted_or_unsupported_member(
    tmp_path: Path, organisation: Organisation, patch: dict[str, int], message: str
) -> None:
    archive = zipped(tmp_path / "export.zip", personen=PERSONEN.encode(), faelle=FAELLE.encode())
    patch_member(archive, **patch)
    assert f"export.zip:1:: {message}" in problems(archive, organisation)


def corrupt_zip(path: Path) -> Path:
    text = PERSONEN.encode() + b"".join(b"P%d;w;1985;;;;;;;;;\n" % n for n in range(5, 3000))
    zipped(path, personen=text, faelle=FAELLE.encode())
    data = bytearray(path.read_bytes())
    start = data.index(b"personen.csv") + len(b"personen.csv")
    for offset in range(200, 260):  # inside the deflate stream of personen.csv
        data[start + offset] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def test_corrupt_deflate_member(tmp_path: Path, organisation: Organisation) -> None:
    assert problems(corrupt_zip(tmp_path / "export.zip"), organisation) == [
        "personen.csv:1:: The file is damaged and cannot be unpacked."
    ]


def new_run(organisation: Organisation, path: Path, **fields: Any) -> ImportRun:
    return ImportRun.objects.create(
        organisation=organisation, file_name=path.name, path=str(path), dry_run=False, **fields
    )


def test_job_ends_failed_for_a_corrupt_zip_and_the_command_prints_no_traceback(
    tmp_path: Path, organisation: Organisation, capsys: pytest.CaptureFixture[str]
) -> None:
    upload = tmp_path / "upload"
    upload.mkdir()
    run = new_run(organisation, corrupt_zip(upload / "export.zip"))
    assert run_import(run.pk) == "failed"
    run.refresh_from_db()
    assert run.status == "failed" and run.progress == 100 and run.finished_at
    assert run.problems[0]["message"] == "The file is damaged and cannot be unpacked."
    assert not upload.exists(), "the upload is deleted"

    archive = corrupt_zip(tmp_path / "again.zip")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_data", "casework", str(archive), "--organisation", "diakonie")
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "personen.csv:1:: The file is damaged and cannot be unpacked." in err
    assert "Traceback" not in err


def test_unexpected_error_ends_the_run_and_logs_no_personal_data(
    tmp_path: Path,
    organisation: Organisation,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    name = "Kowa" + "lenko"  # not literally in the source, which the traceback shows

    def broken(*args: Any, **kwargs: Any) -> None:
        raise ValueError(f"{name}, Olena, geboren 1985")

    monkeypatch.setattr("teilhabe.casework.jobs.import_casework", broken)
    upload = tmp_path / "upload"
    upload.mkdir()
    run = new_run(organisation, zipped(upload / "export.zip", personen=b"x"))
    assert run_import(run.pk) == "failed"
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at is not None
    assert "internal error" in run.problems[0]["message"]
    assert "ValueError" in caplog.text and "broken" in caplog.text
    assert "Kowalenko" not in caplog.text and "Kowalenko" not in str(run.problems)
    assert not upload.exists()


def test_a_file_of_errors_stores_the_first_problems_and_a_count(
    tmp_path: Path,
    organisation: Organisation,
    settings: Any,
    capsys: pytest.CaptureFixture[str],
) -> None:
    settings.IMPORT_MAX_PROBLEMS = 5
    bad = FAELLE + "".join(f"F{n};P9;MBE;beratung;01.01.2024;;;;\n" for n in range(10, 40))
    path = folder(tmp_path, faelle=bad)
    run = new_run(organisation, path)
    run_import(run.pk)
    run.refresh_from_db()
    assert len(run.problems) == 6 and run.problem_count == 30
    assert run.problems[-1]["message"] == "… and 25 more problems, not listed."

    path = folder(tmp_path, faelle=bad)
    with pytest.raises(SystemExit):
        call_command("import_data", "casework", str(path), "--organisation", "diakonie")
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 7 and lines[-2] == "… and 25 more problems, not listed."


def test_a_run_starts_only_once(tmp_path: Path, organisation: Organisation) -> None:
    # The queue delivers a task again after a crash: the failed run stays failed.
    run = new_run(organisation, folder(tmp_path), status=ImportRun.Status.FAILED)
    assert run_import(run.pk) == "failed"
    assert Person.objects.count() == 0
