"""Area import: the files users produce, and every kind of bad row refused whole."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from teilhabe.core.tabular import TableError
from teilhabe.organisations.area_import import import_areas
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages below are the English msgids; the German ones are checked in the
    console-script test."""
    with translation.override("en"):
        yield


GOOD = (
    "code;name;uebergeordnet\nS;Teststadt;\nS-1;Nordstadt;S\nS-2;Südviertel;S\nS-2-1;Am Bach;S-2\n"
)


def write(tmp_path: Path, text: str, name: str = "gebiete.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(TableError) as error:
        import_areas(path)
    return [str(problem) for problem in error.value.problems]


def test_valid_file_builds_the_hierarchy(tmp_path: Path) -> None:
    result = import_areas(write(tmp_path, GOOD))
    assert (result.created, result.updated) == (4, 0)
    leaf = Area.objects.get(code="S-2-1")
    assert leaf.parent.code == "S-2" and leaf.level == 2
    assert Area.objects.get(code="S-2").name == "Südviertel"


def test_second_import_updates_and_never_duplicates(tmp_path: Path) -> None:
    import_areas(write(tmp_path, GOOD))
    renamed = GOOD.replace("Nordstadt", "Nordstadt-Mitte")
    result = import_areas(write(tmp_path, renamed))
    assert (result.created, result.updated) == (0, 4)
    assert Area.objects.count() == 4
    assert Area.objects.get(code="S-1").name == "Nordstadt-Mitte"


def test_windows_1252_with_commas_and_excel_leftovers(tmp_path: Path) -> None:
    text = (
        "Code , Name,UEBERGEORDNET,gueltig_ab\r\n"
        "S,Teststadt,,\r\n"
        "S-2,Südviertel,S,01.01.2024\r\n"
        ",,,\r\n"
        "\r\n"
    )
    import_areas(write(tmp_path, text, encoding="cp1252"))
    area = Area.objects.get(code="S-2")
    assert area.name == "Südviertel"
    assert area.valid_from.isoformat() == "2024-01-01"


def test_utf8_with_bom(tmp_path: Path) -> None:
    import_areas(write(tmp_path, "\ufeff" + GOOD))
    assert Area.objects.filter(code="S").exists()


def test_unknown_parent_is_refused_with_line(tmp_path: Path) -> None:
    text = GOOD + "S-3;Oststadt;X-9\n"
    assert problems(write(tmp_path, text)) == [
        "gebiete.csv:6:uebergeordnet: Unknown parent code. ('X-9')"
    ]
    assert Area.objects.count() == 0


def test_cycle_is_refused(tmp_path: Path) -> None:
    text = "code;name;uebergeordnet\nA;Eins;C\nB;Zwei;A\nC;Drei;B\n"
    found = problems(write(tmp_path, text))
    assert len(found) == 3
    assert found[0].startswith(
        "gebiete.csv:2:uebergeordnet: The hierarchy has a cycle: A → C → B → A"
    )
    assert Area.objects.count() == 0


def test_cycle_through_stored_areas_is_refused(tmp_path: Path) -> None:
    import_areas(write(tmp_path, GOOD))
    found = problems(write(tmp_path, "code;name;uebergeordnet\nS;Teststadt;S-2-1\n"))
    assert found and "cycle" in found[0]
    assert Area.objects.get(code="S").parent is None


def test_duplicate_code_and_other_row_errors_all_reported(tmp_path: Path) -> None:
    text = (
        "code;name;uebergeordnet;gueltig_ab;gueltig_bis\n"
        "S;Teststadt;;;\n"
        "S-1;Nord;S;31.02.2024;\n"
        "S-1;Nord noch einmal;S;;\n"
        "S-2;;S;01.01.2025;01.01.2024\n"
    )
    assert problems(write(tmp_path, text)) == [
        "gebiete.csv:3:gueltig_ab: Not a date (TT.MM.JJJJ). ('31.02.2024')",
        "gebiete.csv:4:code: Duplicate code; it already appears in line 3. ('S-1')",
        "gebiete.csv:5:name: The name is empty.",
        "gebiete.csv:5:gueltig_bis: Ends before it begins.",
    ]
    assert Area.objects.count() == 0


def test_missing_column(tmp_path: Path) -> None:
    assert problems(write(tmp_path, "code;name\nS;Teststadt\n")) == [
        "gebiete.csv:1:uebergeordnet: Required column is missing."
    ]


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "gebiete.csv"
    path.write_bytes("code;name;uebergeordnet\nS;Teststadt;\n".encode("utf-16"))
    found = problems(path)
    assert found == ["gebiete.csv:1:: The file is neither UTF-8 nor Windows-1252 text."]


def test_geojson(tmp_path: Path) -> None:
    square = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    document = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "S", "name": "Teststadt", "uebergeordnet": None},
                "geometry": None,
            },
            {
                "type": "Feature",
                "properties": {"code": "S-1", "name": "Nord", "uebergeordnet": "S"},
                "geometry": square,
            },
        ],
    }
    path = write(tmp_path, json.dumps(document), "gebiete.geojson")
    import_areas(path)
    assert Area.objects.get(code="S-1").geometry == square


def test_dry_run_stores_nothing(tmp_path: Path) -> None:
    result = import_areas(write(tmp_path, GOOD), dry_run=True)
    assert result.created == 4
    assert Area.objects.count() == 0


def test_command_line_exit_status_and_messages(tmp_path: Path) -> None:
    bad = write(tmp_path, GOOD + "S-3;Oststadt;X-9\nS-1;Doppelt;S\n")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import_data", "areas", str(bad))
    assert exit_info.value.code == 1
    call_command("import_data", "areas", str(write(tmp_path, GOOD)))
    assert Area.objects.count() == 4


def test_console_script_prints_file_line_column(tmp_path: Path, settings: object) -> None:
    """The real `teilhabe import areas` as a script would call it (own database file)."""
    bad = write(tmp_path, GOOD + "S-3;Oststadt;X-9\n")
    env = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}",
        "TEILHABE_DATA_DIR": str(tmp_path),
        "LANG": "de_DE.UTF-8",
        "PATH": "/usr/bin:/bin",
    }
    teilhabe = [sys.executable, "-m", "teilhabe.cli"]
    subprocess.run([*teilhabe, "migrate", "-v", "0"], env=env, check=True)
    run = subprocess.run(
        [*teilhabe, "import", "areas", str(bad)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 1
    assert "gebiete.csv:6:uebergeordnet: Unbekannter übergeordneter Code. ('X-9')" in run.stderr
    ok = subprocess.run(
        [*teilhabe, "import", "areas", str(write(tmp_path, GOOD))],
        env=env,
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stderr
