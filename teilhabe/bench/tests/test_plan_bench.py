"""The plan benchmark at a small scale: the generator makes exactly the measures and
entries asked for, with what the report has to deal with (entries after the reference
date, same-day entries, district goals under city goals, programmes ending within the
year), and the timed step runs the report and both pages to the end."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from teilhabe.bench import plan
from teilhabe.demo.musterstadt import DATA
from teilhabe.organisations.area_import import import_areas
from teilhabe.planning.figures import plan_report
from teilhabe.planning.models import Goal, Measure, ProgressEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def areas() -> None:
    import_areas(DATA / "musterstadt-gebiete.csv")


def test_generator_makes_the_plan_asked_for() -> None:
    concept = plan.generate(measures=60, entries=600)
    assert Measure.objects.filter(concept=concept).count() == 60
    entries = ProgressEntry.objects.filter(measure__concept=concept)
    assert entries.count() == 600
    assert entries.filter(date__gt=plan.DAY).exists()
    same_day = Counter(entries.values_list("measure_id", "date"))
    assert max(same_day.values()) >= 2
    district = Goal.objects.filter(concept=concept, area__isnull=False)
    assert district.exists() and not district.filter(parent__isnull=True).exists()
    report = plan_report(concept, plan.DAY)
    assert report["massnahmen"] == 60 == sum(report["nach_status"].values())
    assert report["foerderung_endet"]  # programmes end around the reference date
    assert len(report["handlungsfelder"]) == 8


def test_timed_step_runs_report_and_pages(tmp_path: Path) -> None:
    result = plan.measure(tmp_path, measures=30, entries=300, runs=2)
    assert result["measures"] == 30 and result["entries"] == 300
    for key in ("report", "concept_page", "synopsis_page"):
        assert len(result[f"{key}_seconds"]["samples"]) == 2
        assert result[f"{key}_profile"]["queries"] > 0
    assert result["report_bytes"] > 0
    assert list(tmp_path.glob("*-plan-report-profile.txt"))
    assert "| report JSON |" in plan.summary(result)
