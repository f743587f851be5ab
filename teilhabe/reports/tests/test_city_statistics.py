"""City-wide statistics: the counts behind them (checked by hand), the protection of the
published tables (the attackers of test_suppression), and the exports."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from teilhabe.casework.models import Case, Person
from teilhabe.reports import city_exports
from teilhabe.reports.statistics import city_statistics, count
from teilhabe.reports.tests.city_world import YEAR, build
from teilhabe.reports.tests.test_suppression import (
    by_elimination,
    determined_by_algebra,
    equations,
)

pytestmark = pytest.mark.django_db
SOVIET = "Staaten der ehemaligen Sowjetunion"


def test_counts_per_organisation_and_service() -> None:
    world = build()
    diakonie = world["organisations"]["diakonie"]
    # a co-counselled person counts among the persons reached, not among the clients
    relative = Person.objects.create(organisation=diakonie, first_name="X")
    case = Case.objects.filter(organisation=diakonie, service__code="MBE").first()
    assert case is not None
    case.co_counselled.add(relative)
    counts = count(YEAR)
    mbe = counts[(diakonie.pk, "MBE")]
    assert mbe["measures"] == {
        "faelle": 17,
        "faelle_neu": 17,
        "faelle_beendet": 0,
        "case_management_faelle": 0,
        "ratsuchende": 17,
        "personen_erreicht": 18,
        "beratungssitzungen": 17,
    }
    assert mbe["stadtteile"] == {"Nord": 10, "Süd": 6, "West": 1}
    assert mbe["rechtsstatus"] == {"gefluechtet": 11, "niederlassung": 6}
    assert mbe["altersgruppen"] == {"28-44": 17}  # 2024 - 1990 = 34
    assert mbe["herkunftsregionen"] == {SOVIET: 17}
    assert mbe["geschlecht"] == {"w": 9, "m": 8}  # persons 1..17, odd ones female
    kim = counts[(world["organisations"]["stadt"].pk, "KIM")]
    assert kim["stadtteile"] == {"Nord": 3, "Süd": 3, "West": 2}
    assert set(counts) == {(diakonie.pk, "MBE"), (diakonie.pk, "JMD"), (kim_org(world), "KIM")}
    assert count(YEAR + 1)[(diakonie.pk, "MBE")]["measures"]["faelle_neu"] == 0  # still open


def kim_org(world: dict[str, Any]) -> int:
    return int(world["organisations"]["stadt"].pk)


def _attack(values: list[list[int | None]]) -> None:
    height, width = len(values), len(values[0])
    hidden = sorted((i, j) for i in range(height) for j in range(width) if values[i][j] is None)
    assert by_elimination(values) == {}
    assert determined_by_algebra(equations(height, width), hidden) == set()


def test_small_cells_are_suppressed_and_cannot_be_recomputed() -> None:
    build()
    statistics = city_statistics(YEAR, threshold=3)
    assert statistics.services == ["JMD", "KIM", "MBE"]
    districts = next(table for table in statistics.tables if table.key == "stadtteile")
    assert [code for code, _label in districts.rows] == ["Nord", "Süd", "West", ""]
    west = districts.values[2]
    assert west[1] is None and west[2] is None  # KIM 2, MBE 1
    assert west[3] == 3  # the row total is 3: not small, and it hides no single cell
    assert districts.values[4] == [9, 8, 17, 34]  # the cases per service and in all
    for table in statistics.tables:
        for row in table.values:
            for value in row:
                assert value is None or value == 0 or value >= 3
        _attack(table.values)
    legal = next(table for table in statistics.tables if table.key == "rechtsstatus")
    asylum = [code for code, _label in legal.rows].index("asyl_duldung")
    assert legal.values[asylum][1] is None  # 2 at KIM


def test_shared_totals_are_published_alike_in_every_table() -> None:
    build()
    statistics = city_statistics(YEAR, threshold=3)
    clients = next(
        row
        for code, row in zip(statistics.overview.rows, statistics.overview.values, strict=True)
        if code[0] == "ratsuchende"
    )
    for table in statistics.tables[1:]:  # every client table
        assert table.values[-1] == clients
    assert statistics.tables[0].values[-1] == statistics.overview.values[0]  # cases


def test_a_higher_threshold_hides_more_and_still_protects() -> None:
    build()
    statistics = city_statistics(YEAR, threshold=6)
    for table in statistics.tables:
        for row in table.values:
            assert all(value is None or value == 0 or value >= 6 for value in row)
        _attack(table.values)


def test_the_service_filter_only_hides_columns() -> None:
    build()
    full = city_statistics(YEAR, threshold=3)
    mbe = full.only(["MBE"])
    for whole, part in zip(full.tables, mbe.tables, strict=True):
        assert part.columns == ["MBE"]
        # the same published MBE figures, and the totals over all services
        assert [row[2] for row in whole.values] == [row[0] for row in part.values]
        assert [row[-1] for row in whole.values] == [row[-1] for row in part.values]


def test_shares_come_from_published_figures_only() -> None:
    build()
    statistics = city_statistics(YEAR, threshold=3)
    for table in statistics.tables:
        grand = table.values[-1][-1]
        for row in table.body():
            if row["total"] is None or grand is None:
                assert row["share"] is None
            else:
                assert row["share"] == round(100 * row["total"] / grand, 2)


def test_exports_carry_published_figures_only() -> None:
    build()
    statistics = city_statistics(YEAR, threshold=3)
    document = json.loads(city_exports.as_json(statistics))
    districts = document["tabellen"]["stadtteile"]
    assert districts["zeilen"] == ["Nord", "Süd", "West", "unbekannt", "insgesamt"]
    assert districts["spalten"] == ["JMD", "KIM", "MBE", "insgesamt"]
    assert districts["werte"][2][1] is None and districts["werte"][2][2] is None
    assert districts["anteile_an_spalte"][2][2] is None
    assert document["schwelle"] == 3
    rows = list(
        csv.reader(io.StringIO(city_exports.as_csv(statistics).lstrip("\ufeff")), delimiter=";")
    )
    assert rows[0] == [
        "jahr",
        "tabelle",
        "zeile",
        "spalte",
        "anzahl",
        "anteil_an_spalte",
        "gesperrt",
    ]
    west_mbe = next(r for r in rows if r[1:4] == ["stadtteile", "West", "MBE"])
    assert west_mbe == [str(YEAR), "stadtteile", "West", "MBE", "", "", "ja"]
    nord_mbe = next(r for r in rows if r[1:4] == ["stadtteile", "Nord", "MBE"])
    assert nord_mbe[4] in {"10", ""}
    published = {(r[1], r[2], r[3]): r[4] for r in rows[1:]}
    for key, value in published.items():
        assert value == "" or value == "0" or int(value) >= 3, key


def test_a_year_without_cases_gives_empty_tables() -> None:
    statistics = city_statistics(1999, threshold=3)
    assert statistics.services == []
    for table in statistics.tables:
        assert table.values[-1] == [0]
