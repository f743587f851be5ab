"""The status and dynamics index computed by hand over the six areas of index_data.

Status on 31.12.2024, over A–D (E has 200 residents, F no value of "quote"):
- foreigners 10, 20, 20, 30: mean 20, sd √50 = 7.0711, z −1.4142, 0, 0, 1.4142;
- quote 40, 10, 30, 20: mean 25, sd √125 = 11.1803, z 1.3416, −1.3416, 0.4472, −0.4472;
- foreigners weight 2 (more need), quote weight 1 (less need):
  A (2 × −1.4142 − 1.3416) / 3 = −1.3900, B 1.3416 / 3 = 0.4472,
  C −0.4472 / 3 = −0.1491, D (2.8284 + 0.4472) / 3 = 1.0919.
Dynamics against 31.12.2023: changes of foreigners 0, 10, 0, 10 (mean 5, sd 5, z ∓1),
of quote 0, −10, 0, −10 (mean −5, sd 5, z ±1): A (−2 − 1) / 3 = −1, B 1, C −1, D 1 —
exactly on the limits, so all in the middle class.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.monitoring.index import compute
from teilhabe.monitoring.index_math import class_of, combine, standardise
from teilhabe.monitoring.models import IndexConfig, IndexIndicator
from teilhabe.monitoring.tests.index_data import NOW, THEN, index_world

pytestmark = pytest.mark.django_db


def make_config(comparison: bool = True) -> IndexConfig:
    config = IndexConfig.objects.create(
        title="Sozialindex",
        level=1,
        stichtag=NOW,
        comparison=THEN if comparison else None,
        limits=[-1, 1],
        labels=["niedrig", "mittel", "hoch"],
    )
    IndexIndicator.objects.create(
        config=config, indicator="anteil_auslaender", direction=1, weight=Decimal(2)
    )
    IndexIndicator.objects.create(config=config, indicator="quote", direction=-1, weight=1)
    return config


def test_pure_arithmetic() -> None:
    s = standardise({"a": 10.0, "b": 20.0, "c": 20.0, "d": 30.0})
    assert s.mean == 20 and s.sd == pytest.approx(7.0711, abs=1e-4)
    assert s.z["a"] == pytest.approx(-1.4142, abs=1e-4)
    assert standardise({"a": 5.0, "b": 5.0}).z == {"a": 0.0, "b": 0.0}  # no spread
    assert combine([{"a": 1.0, "b": 2.0}, {"a": 3.0}], [1, -1], [1.0, 1.0]) == {"a": -1.0}
    assert [class_of(v, [-1, 1]) for v in (-1.01, -1, 0, 1, 1.01)] == [0, 1, 1, 1, 2]
    assert [class_of(v, [-1, 1, 1.5]) for v in (-2, 0.5, 1.2, 1.5, 1.6)] == [0, 1, 2, 2, 3]


def test_status_and_dynamics_by_hand() -> None:
    index_world()
    result = compute(make_config(), published=False)
    assert result is not None
    by_code = {r.code: r for r in result.areas}
    assert list(by_code) == ["A", "B", "C", "D", "E", "F"]
    expected = {"A": -1.3900, "B": 0.4472, "C": -0.1491, "D": 1.0919}
    for code, value in expected.items():
        assert by_code[code].status == pytest.approx(value, abs=1e-4), code
    assert [by_code[c].status_class for c in "ABCD"] == [0, 1, 1, 2]
    assert [s.mean for s in result.status_stats] == [20.0, 25.0]  # E and F not counted
    # E: too few residents; F: no data for quote — no index, never 0.
    assert by_code["E"].status is None and "300" in by_code["E"].note
    assert by_code["F"].status is None and "Quote" in by_code["F"].note
    assert by_code["F"].dynamics is None
    for code, value in {"A": -1.0, "B": 1.0, "C": -1.0, "D": 1.0}.items():
        assert by_code[code].dynamics == pytest.approx(value, abs=1e-9), code
        assert by_code[code].dynamics_class == 1  # on a limit: the class nearer 0
    assert by_code["B"].changes == [10.0, -10.0]
    sheet = dict(result.method)
    text = " ".join(line for lines in sheet.values() for line in lines)
    assert "Gebiet E (E)" in text and "Gebiet F (F)" in text
    assert "31.12.2024" in text and "31.12.2023" in text
    assert "4 von 6" in text or "4 of 6" in text


def test_status_only_and_unimported_date() -> None:
    index_world()
    config = make_config(comparison=False)
    result = compute(config, published=False)
    assert result is not None
    assert all(r.dynamics is None for r in result.areas) and result.dynamics_stats == []
    config.stichtag = NOW.replace(year=2020)
    assert compute(config, published=False) is None


def test_no_area_taking_part_has_no_mean_on_the_method_sheet() -> None:
    index_world()
    config = make_config()
    config.min_residents = 10**6  # every area too small
    config.save()
    with translation.override("de"):  # the sheet is built in the active language
        result = compute(config, published=False)
    assert result is not None and all(r.status is None for r in result.areas)
    formula = " ".join(dict(result.method)["Formel"])
    assert "Mittelwert –, Standardabweichung –" in formula
    assert "Mittelwert 0,00" not in formula


def test_configure_and_read_by_role(users_by_role: dict[str, Any]) -> None:
    index_world()
    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    form = {
        "title": "Sozialindex",
        "level": "1",
        "stichtag": "31.12.2024",
        "comparison": "31.12.2023",
        "limits": "-1; 1",
        "labels": "",
        "min_residents": "300",
        "richtung_anteil_auslaender": "1",
        "gewicht_anteil_auslaender": "2",
        "richtung_quote": "-1",
        "gewicht_quote": "1",
    }
    response = coordinator.post(reverse("monitoring:index_create"), {**form, "limits": "1; -1"})
    assert response.status_code == 200 and not IndexConfig.objects.exists()  # not ascending
    response = coordinator.post(reverse("monitoring:index_create"), form)
    config = IndexConfig.objects.get()
    assert response.url == reverse("monitoring:index_result", kwargs={"pk": config.pk})
    assert [(c.indicator, c.direction, c.weight) for c in config.components.all()] == [
        ("anteil_auslaender", 1, Decimal(2)),
        ("quote", -1, Decimal(1)),
    ]
    statistics = signed_in_client(users_by_role[Role.STATISTICS.value])
    page = statistics.get(response.url).content.decode()
    assert "1,09" in page and "-1,39" in page
    assert "Gebiet E (E)" in page  # the method sheet lists the areas left out
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<path") == 6 and svg.count('fill="#e5e7eb"') == 2  # E, F grey
    dynamics = statistics.get(response.url + "?karte=dynamik").content.decode()
    assert "Gebiet B: 1,00</title>" in dynamics
    data = json.loads(statistics.get(reverse("monitoring:index_json", args=[config.pk])).content)
    assert data["gebiete"]["D"]["status"] == pytest.approx(1.0919, abs=1e-4)
    assert data["gebiete"]["F"]["status"] is None and data["gebiete"]["F"]["ausgeschlossen"]
    assert data["methode"] and data["vergleich"] == "31.12.2023"
    csv_text = statistics.get(reverse("monitoring:index_csv", args=[config.pk])).content.decode()
    assert csv_text.startswith("\ufeff") and "-1,3900" in csv_text
    assert csv_text.count("\n") > 10 and ("Methode;" in csv_text or "Method;" in csv_text)
    # the coordinator reads the published form: still 1,000 residents per area, so
    # nothing is hidden here and the result is the same
    published = coordinator.get(response.url)
    assert published.context["result"].published and "1,09" in published.content.decode()
    # a stale edit is refused and stores nothing
    edit = reverse("monitoring:index_edit", kwargs={"pk": config.pk})
    assert coordinator.post(edit, {**form, "title": "Neu", "version": "1"}).status_code == 302
    stale = coordinator.post(edit, {**form, "title": "Alt", "version": "1"})
    assert stale.status_code == 200
    config.refresh_from_db()
    assert config.title == "Neu" and config.version == 2
    counsellor = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    assert counsellor.get(response.url).status_code == 403
