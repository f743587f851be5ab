"""Indicators as data over the three-level hierarchy of helpers.hierarchy(), computed by
hand from test_import.EXTRACT (ages on 31.12.2024):

| area | residents | with MH | foreigners | under 7 (MH) | under 18 (MH) | 65+ | under 65 |
|------|-----------|---------|------------|--------------|---------------|-----|----------|
| P1a  | 4         | 2       | 1          | 1 (1)        | 2 (1)         | 0   | 4        |
| P1b  | 3         | 2       | 1          | 1 (1)        | 1 (1)         | 1   | 2        |
| P2a  | 4         | 2       | 0          | 1 (0)        | 1 (0)         | 0   | 4        |
| D1   | 7         | 4       | 2          | 2 (2)        | 3 (2)         | 1   | 6        |
| D2   | 4         | 2       | 0          | 1 (0)        | 1 (0)         | 0   | 4        |
| S    | 11        | 6       | 2          | 3 (2)        | 4 (2)         | 1   | 10       |
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from teilhabe.monitoring.figures import Value, indicator_values, top_countries
from teilhabe.monitoring.models import Sgb2Count, SuppliedValue
from teilhabe.monitoring.tests.helpers import STICHTAG, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db

SGB2_HEADER = "gebiet;stichtag;sgb2_personen;sgb2_unter_15"


def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Area]:
    areas = hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    return areas


def values(code: str) -> dict[str, float | None]:
    return {area: v.value for area, v in indicator_values(STICHTAG)[code].items()}


def test_register_indicators_are_ratios_of_sums(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(tmp_path, capsys)
    # D1's share aged 65+ is 1/7 = 14.29, not the mean of 0 and 33.33 (16.67).
    assert values("anteil_65plus") == {
        "S": 9.09,
        "D1": 14.29,
        "D2": 0.0,
        "P1a": 0.0,
        "P1b": 33.33,
        "P2a": 0.0,
    }
    assert values("anteil_auslaender") == {
        "S": 18.18,
        "D1": 28.57,
        "D2": 0.0,
        "P1a": 25.0,
        "P1b": 33.33,
        "P2a": 0.0,
    }
    assert values("anteil_mh")["S"] == 54.55
    assert values("anteil_mh_unter_7") == {
        "S": 66.67,
        "D1": 100.0,
        "D2": 0.0,
        "P1a": 100.0,
        "P1b": 100.0,
        "P2a": 0.0,
    }
    assert values("anteil_mh_unter_18")["D1"] == 66.67  # 2/3, not mean(50, 100) = 75
    city = indicator_values(STICHTAG)["anteil_mh"]["S"]
    assert (city.numerator, city.denominator) == (6, 11)


def test_sgb2_rate_sums_supplied_counts_up_the_hierarchy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(tmp_path, capsys)
    path = write(
        tmp_path / "sgb2.csv",
        ["P1a;31.12.2024;2;1", "P1b;31.12.2024;0;0", "P2a;31.12.2024;3;2"],
        SGB2_HEADER,
    )
    status, out, err = run(capsys, "import", "sgb2", str(path))
    assert status == 0, err
    assert "3" in out
    # per 100 residents under 65: D1 = 2/6 (33.33), not mean(50, 0) = 25
    assert values("sgb2_quote") == {
        "S": 50.0,
        "D1": 33.33,
        "D2": 75.0,
        "P1a": 50.0,
        "P1b": 0.0,
        "P2a": 75.0,
    }


def test_missing_child_means_no_data_not_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    imported(tmp_path, capsys)
    path = write(tmp_path / "sgb2.csv", ["P1a;31.12.2024;2;1", "P2a;31.12.2024;3;2"], SGB2_HEADER)
    assert run(capsys, "import", "sgb2", str(path))[0] == 0
    rate = values("sgb2_quote")
    assert rate["P1b"] is None and rate["D1"] is None and rate["S"] is None
    assert rate["D2"] == 75.0
    assert indicator_values(STICHTAG)["sgb2_quote"]["D1"].numerator is None
    # a date without register figures: no area, no value
    assert indicator_values(datetime.date(2023, 12, 31))["anteil_mh"] == {}
    assert Value(0, 0, 100).value is None
    assert Value(None, 5, 100).value is None
    assert Value(0, 5, 100).value == 0.0


def test_supplied_indicator_with_factor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported(tmp_path, capsys)
    path = write(
        tmp_path / "kita.csv",
        ["P1a;31.12.2024;3;400", "P1b;31.12.2024;1;200", "P2a;31.12.2024;5;500"],
        "gebiet;stichtag;zaehler;nenner",
    )
    args = ("--indikator", "kita", "--titel", "Kita-Plätze", "--faktor", "1000")
    status, _out, err = run(capsys, "import", "indicator", str(path), *args)
    assert status == 0, err
    assert values("kita") == {
        "S": 8.18,  # 9 / 1100 × 1000
        "D1": 6.67,  # 4 / 600 × 1000
        "D2": 10.0,
        "P1a": 7.5,
        "P1b": 5.0,
        "P2a": 10.0,
    }


def test_areas_outside_their_validity_and_bad_rows_store_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    areas = hierarchy()
    Area.objects.filter(pk=areas["P2a"].pk).update(valid_to=datetime.date(2023, 12, 31))
    good = write(tmp_path / "old.csv", ["P2a;31.12.2023;4;1"], SGB2_HEADER)
    assert run(capsys, "import", "sgb2", str(good))[0] == 0
    path = write(
        tmp_path / "sgb2.csv",
        [
            "P2a;31.12.2023;7;1",  # valid then: fine
            "P2a;31.12.2024;3;2",  # no longer valid
            "NOWHERE;31.12.2024;1;0",
            "P1a;31.02.2024;1;0",
            "P1a;31.12.2024;x;0",
            "P1b;31.12.2024;1;2",  # more under 15 than in all
        ],
        SGB2_HEADER,
    )
    status, _out, err = run(capsys, "import", "sgb2", str(path))
    assert status == 1
    assert "sgb2.csv:3:gebiet:" in err
    assert "sgb2.csv:4:gebiet:" in err
    assert "sgb2.csv:5:stichtag:" in err
    assert "sgb2.csv:6:sgb2_personen:" in err
    assert [(c.area_id, c.persons) for c in Sgb2Count.objects.all()] == [(areas["P2a"].pk, 4)]
    path = write(tmp_path / "u15.csv", ["P1b;31.12.2024;1;2"], SGB2_HEADER)
    status, _out, err = run(capsys, "import", "sgb2", str(path))
    assert status == 1 and "u15.csv:2:sgb2_unter_15:" in err
    assert Sgb2Count.objects.count() == 1


def test_reimport_replaces_only_the_dates_in_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hierarchy()
    header = "gebiet;stichtag;zaehler;nenner"
    first = write(tmp_path / "a.csv", ["P1a;31.12.2023;1;10", "P1a;31.12.2024;2;10"], header)
    assert run(capsys, "import", "indicator", str(first), "--indikator", "x")[0] == 0
    second = write(tmp_path / "b.csv", ["P1b;31.12.2024;5;10"], header)
    assert run(capsys, "import", "indicator", str(second), "--indikator", "x", "--dry-run")[0] == 0
    assert SuppliedValue.objects.count() == 2
    assert run(capsys, "import", "indicator", str(second), "--indikator", "x")[0] == 0
    stored = sorted(
        (v.stichtag.year, v.area.code, v.numerator) for v in SuppliedValue.objects.all()
    )
    assert stored == [(2023, "P1a", 1), (2024, "P1b", 5)]
    dup = write(tmp_path / "c.csv", ["P1b;31.12.2024;5;10", "P1b;31.12.2024;6;10"], header)
    status, _out, err = run(capsys, "import", "indicator", str(dup), "--indikator", "x")
    assert status == 1 and "c.csv:3:gebiet:" in err
    assert run(capsys, "import", "indicator", str(second), "--indikator", "bad code!")[0] == 1


def test_top_countries_with_shares(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    imported(tmp_path, capsys)
    assert top_countries(STICHTAG, "S") == [
        ("SY", 2, 18.18),
        ("TR", 2, 18.18),
        ("IT", 1, 9.09),
        ("PL", 1, 9.09),
    ]
    assert top_countries(STICHTAG, "S", limit=1) == [("SY", 2, 18.18)]
