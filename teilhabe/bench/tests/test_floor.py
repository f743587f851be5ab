"""The benchmark's floor computes the same annual figures as the report engine: on the
hand-built data set of the figures test (every edge case: unknowns, co-counselled and
present persons, goal histories) and on a small generated big-city data set."""

from __future__ import annotations

from pathlib import Path

import pytest

from teilhabe.bench.floor import export, floor_figures
from teilhabe.casework.importer.service import import_casework
from teilhabe.demo.casework_data import Plan, write
from teilhabe.organisations.models import Area
from teilhabe.organisations.services import create_organisation
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.tests.test_figures import build

pytestmark = pytest.mark.django_db


def test_floor_equals_engine_on_edge_cases(tmp_path: Path) -> None:
    scope = build()
    export(tmp_path)
    for year in (2023, 2024, 2025):
        engine = annual_figures(scope, year)
        floor = floor_figures(tmp_path, scope.organisation_ids, scope.services, year)
        assert floor == engine, year


def test_floor_equals_engine_on_generated_data(tmp_path: Path) -> None:
    organisation = create_organisation("bench", "Grossstadt", ["MBE", "JMD", "IKB", "KIM"])
    districts = ["Altstadt", "Nordstadt", "Westhagen"]
    for number, name in enumerate(districts):
        Area.objects.create(code=f"GS-{number}", name=name)
    plan = Plan(150, {"MBE": 0.5, "JMD": 0.3, "KIM": 0.2}, districts, 2024, 2025, 5)
    write(plan, tmp_path / "data")
    import_casework(tmp_path / "data", organisation)
    counts = export(tmp_path / "parquet")
    assert counts["sessions"] > 500 and counts["goal_status_changes"] > 100
    for services in (("MBE",), ("JMD", "KIM")):
        scope = Scope((organisation.pk,), services)
        engine = annual_figures(scope, 2025)
        floor = floor_figures(tmp_path / "parquet", scope.organisation_ids, services, 2025)
        assert engine["faelle"] > 20 and engine["ziele"] > 10
        assert floor == engine, services
    other = floor_figures(tmp_path / "parquet", (organisation.pk + 1,), ("MBE",), 2025)
    assert other["faelle"] == other["ratsuchende"] == other["beratungssitzungen"] == 0
