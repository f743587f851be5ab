"""`teilhabe import register` and `teilhabe report areas` end to end, with a small
extract over a three-level hierarchy whose report was computed by hand."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from teilhabe.cli import ALIASES
from teilhabe.monitoring.models import CategoryCount, CountryCount, ReferenceDate
from teilhabe.monitoring.tests.helpers import HEADER, hierarchy, write
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db

EXTRACT = [
    # P1a
    "r1;1980;;m;P1a;TR;;;;;;;",  # auslaender TR
    "r2;2020;;w;P1a;DE;;;;;;;r1",  # familiaer TR, under 7
    "r3;1970;;w;P1a;DE;;;;;;;",  # ohne_mh
    "r4;2010;;m;P1a;DE;;;;;;;",  # ohne_mh, under 18
    # P1b
    "r5;1975;;m;P1b;DE;;SY;;1;;;",  # eingebuergert SY
    "r6;2019;;w;P1b;SY;;;;;;;",  # auslaender SY, under 7
    "r7;1950;;w;P1b;DE;;;;;;;",  # ohne_mh
    # P2a
    "r8;1960;;m;P2a;DE;;PL;PL;;;;",  # aussiedler PL (origin only)
    "r9;1990;;w;P2a;DE;IT;;;;;;",  # deutsch_zweite_sta IT
    "r10;2021;;w;P2a;DE;;;;;;;",  # ohne_mh, under 7
    "r11;1999;;d;P2a;DE;;;;;;;",  # ohne_mh
]


def categories(**counts: int) -> dict[str, int]:
    names = [
        "auslaender",
        "eingebuergert",
        "aussiedler",
        "optionsdeutsch",
        "deutsch_zweite_sta",
        "deutsch_geboren_ausland",
        "familiaer",
        "ohne_mh",
    ]
    return {name: counts.get(name, 0) for name in names}


P2A = {
    "einwohner": 4,
    "kategorien": categories(aussiedler=1, deutsch_zweite_sta=1, ohne_mh=2),
    "anteil_mh": 50.0,
    "anteil_mh_unter_7": 0.0,
    "anteil_mh_unter_18": 0.0,
    "bezugslaender_top5": {"IT": 1, "PL": 1},
}
EXPECTED = {
    "stichtag": "31.12.2024",
    "gebiete": {
        "S": {
            "name": "Teststadt",
            "uebergeordnet": None,
            "einwohner": 11,
            "kategorien": categories(
                auslaender=2,
                eingebuergert=1,
                aussiedler=1,
                deutsch_zweite_sta=1,
                familiaer=1,
                ohne_mh=5,
            ),
            "anteil_mh": 54.55,
            "anteil_mh_unter_7": 66.67,
            "anteil_mh_unter_18": 50.0,
            "bezugslaender_top5": {"SY": 2, "TR": 2, "IT": 1, "PL": 1},
        },
        "D1": {
            "name": "Nord",
            "uebergeordnet": "S",
            "einwohner": 7,
            "kategorien": categories(auslaender=2, eingebuergert=1, familiaer=1, ohne_mh=3),
            "anteil_mh": 57.14,
            "anteil_mh_unter_7": 100.0,
            "anteil_mh_unter_18": 66.67,
            "bezugslaender_top5": {"SY": 2, "TR": 2},
        },
        "D2": {"name": "Süd", "uebergeordnet": "S", **P2A},
        "P1a": {
            "name": "Nord-West",
            "uebergeordnet": "D1",
            "einwohner": 4,
            "kategorien": categories(auslaender=1, familiaer=1, ohne_mh=2),
            "anteil_mh": 50.0,
            "anteil_mh_unter_7": 100.0,
            "anteil_mh_unter_18": 50.0,
            "bezugslaender_top5": {"TR": 2},
        },
        "P1b": {
            "name": "Nord-Ost",
            "uebergeordnet": "D1",
            "einwohner": 3,
            "kategorien": categories(auslaender=1, eingebuergert=1, ohne_mh=1),
            "anteil_mh": 66.67,
            "anteil_mh_unter_7": 100.0,
            "anteil_mh_unter_18": 100.0,
            "bezugslaender_top5": {"SY": 2},
        },
        "P2a": {"name": "Süd-Mitte", "uebergeordnet": "D2", **P2A},
    },
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command as the console script runs it (`import` is `import_data`, see
    teilhabe/cli.py): (exit status, stdout, stderr). Through call_command, which, unlike
    the console script, leaves the test's database connection open."""
    name, *rest = args
    try:
        call_command(ALIASES.get(name, name), *rest)
        status = 0
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def report(capsys: pytest.CaptureFixture[str], *extra: str) -> dict[str, Any]:
    status, out, err = run(capsys, "report", "areas", "--stichtag", "31.12.2024", *extra)
    assert status == 0, err
    return json.loads(out)


def test_report_of_a_small_extract_computed_by_hand(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    status, out, err = run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    assert status == 0, err
    assert "11" in out
    result = report(capsys)
    assert result == EXPECTED
    assert list(result["gebiete"]) == ["S", "D1", "D2", "P1a", "P1b", "P2a"]


def test_dry_run_stores_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    args = ("import", "register", str(path), "--stichtag", "31.12.2024", "--dry-run")
    status, out, _err = run(capsys, *args)
    assert status == 0
    assert "11" in out
    assert not ReferenceDate.objects.exists()
    assert not CategoryCount.objects.exists()


def test_no_row_and_no_pseudonym_reaches_the_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    hierarchy()
    rows = [row.replace("r", "pseudonym-4711-", 1) for row in EXTRACT]
    rows = [row.replace(";r1", ";pseudonym-4711-1") for row in rows]
    path = write(tmp_path / "extract.csv", rows)
    status, _out, err = run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    assert status == 0, err
    dump = io.StringIO()
    call_command("dumpdata", "monitoring", stdout=dump)
    assert "pseudonym" not in dump.getvalue()
    assert "4711" not in dump.getvalue()
    assert "pseudonym" not in caplog.text  # nor the logs, SQL included
    # only counts: every stored row is an aggregate with a count
    assert sum(c.count for c in CategoryCount.objects.filter(area__code="S")) == 11


def test_windows_1252_with_commas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    areas = hierarchy()
    Area.objects.create(code="Mühle", name="Mühlenviertel", parent=areas["D2"])
    rows = ["m1,1980,,w,Mühle,TR,,,,,,,", "m2,2018,,m,Mühle,DE,,,,,,,m1"]
    path = write(tmp_path / "extract.csv", rows, HEADER.replace(";", ","), encoding="cp1252")
    assert "ü".encode("cp1252") in path.read_bytes()
    status, _out, err = run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    assert status == 0, err
    result = report(capsys)
    gebiete = result["gebiete"]
    assert isinstance(gebiete, dict)
    assert gebiete["Mühle"]["kategorien"]["familiaer"] == 1
    assert gebiete["Mühle"]["uebergeordnet"] == "D2"


def test_area_outside_its_validity_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime

    areas = hierarchy()
    Area.objects.filter(pk=areas["P2a"].pk).update(valid_to=datetime.date(2023, 12, 31))
    path = write(tmp_path / "extract.csv", EXTRACT)
    status, _out, err = run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    assert status == 1
    assert "extract.csv:9:gebiet:" in err
    assert not ReferenceDate.objects.exists()


def test_report_of_a_date_not_imported_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, _out, err = run(capsys, "report", "areas", "--stichtag", "31.12.2020")
    assert status == 1
    assert "31.12.2020" in err
    status, _out, _err = run(capsys, "report", "areas", "--stichtag", "31.02.2020")
    assert status == 1


def test_published_report_keeps_the_city_and_hides_small_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    result = report(capsys, "--published")
    gebiete = result["gebiete"]
    assert isinstance(gebiete, dict)
    assert gebiete["S"]["einwohner"] == 11
    assert set(gebiete) == set(EXPECTED["gebiete"])
    for entry in gebiete.values():
        counts = [entry["einwohner"], *entry["kategorien"].values()]
        counts += list(entry["bezugslaender_top5"].values())
        assert not {1, 2} & set(counts)
        assert len(entry["kategorien"]) == 8


def test_counts_by_country_are_stored_per_area(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    city = {
        c: sum(x.count for x in CountryCount.objects.filter(area__code="S", country=c))
        for c in ("TR", "SY", "IT", "PL")
    }
    assert city == {"TR": 2, "SY": 2, "IT": 1, "PL": 1}


def test_an_area_with_counts_is_protected_and_a_date_takes_its_counts_along(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The counts have no foreign-key constraints in the database (models.py): the rules
    of the models hold all the same."""
    from django.db.models import ProtectedError

    hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    with pytest.raises(ProtectedError):
        Area.objects.get(code="P1a").delete()
    ReferenceDate.objects.get().delete()
    assert not CategoryCount.objects.exists()
    assert not CountryCount.objects.exists()
    Area.objects.get(code="P1a").delete()  # without counts it can go


def test_parquet_extract(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import polars as pl

    hierarchy()
    path = tmp_path / "extract.parquet"
    pl.DataFrame(
        {
            "id": ["q1", "q2", "q3"],
            "geburtsjahr": [1980, 2020, 1950],
            "geschlecht": ["w", "m", "w"],
            "gebiet": ["P1a", "P1a", "P2a"],
            "sta1": ["SY", "DE", "DE"],
            "eltern": [None, "q1", None],
        }
    ).write_parquet(path)
    status, _out, err = run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")
    assert status == 0, err
    gebiete = report(capsys)["gebiete"]
    assert gebiete["S"]["einwohner"] == 3
    assert gebiete["P1a"]["kategorien"]["familiaer"] == 1
    assert gebiete["P1a"]["bezugslaender_top5"] == {"SY": 2}
    bad = tmp_path / "bad.parquet"
    pl.DataFrame(
        {
            "id": ["q1"],
            "geburtsjahr": [1850],
            "geschlecht": ["w"],
            "gebiet": ["P1a"],
            "sta1": ["DE"],
        }
    ).write_parquet(bad)
    status, _out, err = run(capsys, "import", "register", str(bad), "--stichtag", "31.12.2024")
    assert status == 1
    assert "bad.parquet:2:geburtsjahr:" in err


def test_residents_registered_at_a_district_count_there_and_above(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gebiet need not be a leaf: the district counts them, its planning areas not."""
    hierarchy()
    path = write(tmp_path / "extract.csv", [*EXTRACT, "z1;1980;;m;D2;TR;;;;;;;"])
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    gebiete = report(capsys)["gebiete"]
    assert gebiete["D2"]["einwohner"] == 5
    assert gebiete["P2a"]["einwohner"] == 4
    assert gebiete["S"]["einwohner"] == 12
    published = report(capsys, "--published")["gebiete"]
    assert published["S"]["einwohner"] == 12
