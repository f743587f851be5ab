"""The district profile: unpublished for the statistics role, published (through the
disclosure control) for the integration coordinator, as a page and a PDF."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.monitoring.profile import Cell, profile
from teilhabe.monitoring.tests.helpers import STICHTAG, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    found = hierarchy()
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    # An older date with one more resident in P1b (65+), for the time series.
    older = write(tmp_path / "older.csv", [*EXTRACT, "r12;1940;;w;P1b;DE;;;;;;;"])
    assert run(capsys, "import", "register", str(older), "--stichtag", "31.12.2023")[0] == 0
    return found


def rows(found: Any) -> dict[str, tuple[Cell, Cell]]:
    return {row.indicator.code: (row.area, row.city) for row in found.rows}


def test_unpublished_profile_has_the_hand_computed_figures(areas: dict[str, Any]) -> None:
    found = profile("P1b", STICHTAG, published=False)
    assert found is not None
    assert found.residents == Cell(3)
    figures = rows(found)
    assert figures["anteil_65plus"] == (Cell(33.33), Cell(9.09))
    assert figures["anteil_mh"] == (Cell(66.67), Cell(54.55))
    assert figures["sgb2_quote"] == (Cell(None), Cell(None))  # no SGB II table: no data
    assert found.countries == [("SY", Cell(2))]
    assert [day for day, _r, _v in found.series] == [
        datetime.date(2023, 12, 31),
        STICHTAG,
    ]
    assert found.series[0][1] == Cell(4)
    codes = [row.indicator.code for row in found.rows]
    assert found.series[0][2][codes.index("anteil_65plus")] == Cell(50.0)  # 2 of 4
    assert profile("P1b", datetime.date(2020, 12, 31), published=False) is None


def test_published_profile_hides_small_counts_and_what_reveals_them(
    areas: dict[str, Any],
) -> None:
    found = profile("P1b", STICHTAG, published=True)
    assert found is not None
    figures = rows(found)
    assert figures["anteil_65plus"][0] == Cell(None, hidden=True)  # 1 of 3
    assert figures["sgb2_quote"][0] == Cell(None)  # no data stays "no data"
    assert found.countries == [("SY", Cell(None, hidden=True))]  # 2 persons
    assert figures["anteil_mh"][1] == Cell(54.55)  # the city's share is published
    for cell in [found.residents, *(c for pair in figures.values() for c in pair)]:
        assert cell.value not in (1, 2)


def test_pages_and_pdf_by_role(areas: dict[str, Any], users_by_role: dict[str, Any]) -> None:
    pk = areas["P1b"].pk
    url = reverse("monitoring:profile", kwargs={"pk": pk}) + "?stichtag=31.12.2024"
    statistics = signed_in_client(users_by_role[Role.STATISTICS.value])
    page = statistics.get(url).content.decode()
    assert "33,33" in page and "Nord-Ost" in page
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    for address in (url, url + "&form=intern"):  # the coordinator cannot ask for more
        page = coordinator.get(address).content.decode()
        assert "33,33" not in page
        assert ">.<" in page
    published = statistics.get(url + "&form=veroeffentlicht").content.decode()
    assert "33,33" not in published
    assert statistics.get(url + "&stichtag=kaputt").status_code == 400
    missing = reverse("monitoring:profile", kwargs={"pk": pk}) + "?stichtag=31.12.2020"
    assert coordinator.get(missing).status_code == 404
    pdf = coordinator.get(reverse("monitoring:profile_pdf", kwargs={"pk": pk}))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    index = coordinator.get(reverse("monitoring:profile_index")).content.decode()
    assert "Nord-Ost" in index


def test_line_chart_leaves_gaps_for_hidden_values(areas: dict[str, Any]) -> None:
    from teilhabe.monitoring.linechart import line_chart

    found = profile("P1b", STICHTAG, published=False)
    assert found is not None
    assert [c.value for c in found.city_series] == [50.0, 54.55]  # 6/12, 6/11
    chart = str(line_chart(found))
    assert chart.count("<polyline") == 2 and chart.count("<circle") == 4
    assert 'role="img"' in chart and "<title" in chart and " style=" not in chart
    hidden = profile("P1b", STICHTAG, published=True)
    assert hidden is not None
    cells = [values[0] for _d, _r, values in hidden.series]
    shown = sum(1 for c in cells if c.value is not None) + sum(
        1 for c in hidden.city_series if c.value is not None
    )
    assert str(line_chart(hidden)).count("<circle") == shown  # no point for a hidden value


def test_published_shares_cannot_be_subtracted_to_a_hidden_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """P1a has three residents aged 65+, P1b two, D1 five: P1b's share is hidden (2),
    and so must be P1a's or D1's, or 5 − 3 would give the 2 away."""
    from teilhabe.monitoring.profile import cells

    hierarchy()
    elderly = [f"e{i};1950;;w;P1a;DE;;;;;;;" for i in range(3)] + ["e9;1950;;m;P1b;DE;;;;;;;"]
    path = write(tmp_path / "extract.csv", [*EXTRACT, *elderly])
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    plain, _summary = cells(STICHTAG, published=False)
    assert [plain["anteil_65plus"][a].value for a in ("D1", "P1a", "P1b")] == [45.45, 42.86, 50.0]
    table, summary = cells(STICHTAG, published=True)
    share = table["anteil_65plus"]
    assert share["P1b"].hidden
    assert share["P1a"].hidden or share["D1"].hidden
    residents = {a: entry["einwohner"] for a, entry in summary.items()}  # type: ignore[index]
    known = {
        a: round(share[a].value * residents[a] / 100)
        for a in ("D1", "P1a")
        if share[a].value is not None and residents[a] is not None
    }
    assert len(known) < 2  # nothing to subtract
