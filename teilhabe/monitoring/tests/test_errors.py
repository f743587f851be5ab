"""Every error kind of register-extract.md is refused with the file line named and
nothing stored; a bad re-import of a stored date leaves the stored figures as they were."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.monitoring import services
from teilhabe.monitoring.models import CategoryCount, CountryCount, ReferenceDate
from teilhabe.monitoring.tests.helpers import HEADER, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run

pytestmark = pytest.mark.django_db

IMPORT = ("import", "register")
DATE = ("--stichtag", "31.12.2024")

# (row, the `file:line:column:` it must be named by); line 1 is the header.
BAD = [
    ("a1;1980;;m;P1a;TR;;;;;;;", None),  # line 2: fine
    (";1980;;m;P1a;TR;;;;;;;", "extract.csv:3:id:"),  # missing required value
    ("a1;1981;;w;P1a;TR;;;;;;;", "extract.csv:4:id:"),  # duplicate id
    ("a4;1889;;m;P1a;TR;;;;;;;", "extract.csv:5:geburtsjahr:"),  # before 1890
    ("a5;2025;;m;P1a;TR;;;;;;;", "extract.csv:6:geburtsjahr:"),  # after the reference year
    ("a6;80;;m;P1a;TR;;;;;;;", "extract.csv:7:geburtsjahr:"),  # not four digits
    ("a7;1980;;m;XYZ;TR;;;;;;;", "extract.csv:8:gebiet:"),  # not an area
    ("a8;1980;;m;P1a;ZZ;;;;;;;", "extract.csv:9:sta1:"),  # unknown country
    ("a9;1980;;m;P1a;DE;;XX;;;;;", "extract.csv:10:geburtsland:"),  # XX only in sta1/sta2
    ("a10;1980;;m;P1a;DE;;;QQ;;;;", "extract.csv:11:zuzug_land:"),  # unknown country
    ("a11;2015;;m;P1a;DE;;;;;;;nobody", "extract.csv:12:eltern:"),  # parent not in extract
    ("a12;1980;;;P1a;DE;;;;;;;", "extract.csv:13:geschlecht:"),  # missing required value
    ("a13;1980;;q;P1a;DE;;;;;;;", "extract.csv:14:geschlecht:"),  # not w, m, d, x
    ("a14;1980;;m;P1a;;;;;;;;", "extract.csv:15:sta1:"),  # missing required value
    ("a15;1980;13;m;P1a;DE;;;;;;;", "extract.csv:16:geburtsmonat:"),  # month 13
    ("a16;1980;;m;P1a;DE;;;;ja;;;", "extract.csv:17:einbuergerung:"),  # not 1
    ("a17;1980;;m;;DE;;;;;;;", "extract.csv:18:gebiet:"),  # missing required value
    ("a18;;;m;P1a;DE;;;;;;;", "extract.csv:19:geburtsjahr:"),  # missing required value
]


def test_every_error_kind_is_named_by_line_and_nothing_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", [row for row, _ in BAD])
    status, _out, err = run(capsys, *IMPORT, str(path), *DATE)
    assert status == 1
    lines = err.splitlines()
    for _row, prefix in BAD:
        if prefix:
            assert any(line.startswith(prefix) for line in lines), (prefix, err)
    assert not any(line.startswith("extract.csv:2:") for line in lines)
    assert not ReferenceDate.objects.exists()
    assert not CategoryCount.objects.exists()
    # pseudonyms are not echoed in the messages
    assert "nobody" not in err
    assert "a1;" not in err


def test_a_missing_required_column_is_named_in_the_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", ["a1;1980;m;P1a"], "id;geburtsjahr;geschlecht;gebiet")
    status, _out, err = run(capsys, *IMPORT, str(path), *DATE)
    assert status == 1
    assert "extract.csv:1:sta1:" in err


def test_dry_run_reports_the_same_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", [row for row, _ in BAD])
    status, _out, err = run(capsys, *IMPORT, str(path), *DATE, "--dry-run")
    assert status == 1
    assert "extract.csv:12:eltern:" in err


def test_a_file_that_is_not_text_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = tmp_path / "extract.csv"
    path.write_bytes(HEADER.encode() + b"\n\x00\x01\x02;1980\n")
    status, _out, err = run(capsys, *IMPORT, str(path), *DATE)
    assert status == 1
    assert "extract.csv:2:" in err


def snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    fields = ("area__code", "age_from", "sex", "count")
    return (
        sorted(CategoryCount.objects.values_list(*fields, "category", "history")),
        sorted(CountryCount.objects.values_list(*fields, "country")),
    )


def test_a_bad_reimport_leaves_the_stored_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    good = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, *IMPORT, str(good), *DATE)[0] == 0
    before = snapshot()
    stored = ReferenceDate.objects.get()
    bad = write(tmp_path / "bad.csv", [*EXTRACT[:5], "r99;1980;;m;NOWHERE;TR;;;;;;;"])
    status, _out, err = run(capsys, *IMPORT, str(bad), *DATE)
    assert status == 1
    assert "bad.csv:7:gebiet:" in err
    assert snapshot() == before
    assert ReferenceDate.objects.get().imported_at == stored.imported_at


def test_a_good_reimport_replaces_the_date_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    first = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, *IMPORT, str(first), *DATE)[0] == 0
    second = write(tmp_path / "second.csv", EXTRACT[:3])
    assert run(capsys, *IMPORT, str(second), *DATE)[0] == 0
    assert ReferenceDate.objects.get().residents == 3
    city = sum(c.count for c in CategoryCount.objects.filter(area__code="S"))
    assert city == 3
    assert not CategoryCount.objects.filter(area__code="P2a").exists()


def test_the_store_failing_half_way_keeps_the_old_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """All or nothing also when the database fails after the old figures were deleted."""
    hierarchy()
    first = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, *IMPORT, str(first), *DATE)[0] == 0
    before = snapshot()

    write_rows = services._insert

    def fail_on_countries(model: Any, *args: Any) -> None:
        if model is CountryCount:  # the categories are written by then, the old ones gone
            raise RuntimeError("disk full")
        write_rows(model, *args)

    monkeypatch.setattr(services, "_insert", fail_on_countries)
    second = write(tmp_path / "second.csv", EXTRACT[:3])
    with pytest.raises(RuntimeError):
        run(capsys, *IMPORT, str(second), *DATE)
    assert snapshot() == before


def test_lines_count_line_breaks_inside_quoted_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    rows = ['"a\n1";1980;;m;P1a;TR;;;;;;;', "", "a2;1980;;m;P1a;ZZ;;;;;;;"]
    path = write(tmp_path / "extract.csv", rows)
    status, _out, err = run(capsys, *IMPORT, str(path), *DATE)
    assert status == 1
    assert "extract.csv:5:sta1:" in err  # header 1, the quoted row 2-3, empty 4
