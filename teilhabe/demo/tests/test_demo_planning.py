"""The demo's integration concept has the shape issue 11 asks for (6 fields, about 85
measures, two district action plans whose goals serve city goals, progress over two
years with every status, reminders, drafts), the same on every run, and the plan
report and its pages compute on it."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.management import call_command

from teilhabe.demo.funding_data import load_funding
from teilhabe.demo.musterstadt import DATA
from teilhabe.demo.network_data import load_network
from teilhabe.demo.planning import SLUG, load_planning
from teilhabe.network.models import Actor
from teilhabe.organisations.area_import import import_areas
from teilhabe.organisations.services import create_organisation
from teilhabe.planning.figures import plan_report
from teilhabe.planning.models import Concept, Goal, Indicator, Measure, ProgressEntry, Status
from teilhabe.planning.rollup import PlanOnDate
from teilhabe.planning.selectors import concept_tree, district_areas, district_plan
from teilhabe.planning.synopsis import synopsis

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


@pytest.fixture
def concept() -> Concept:
    import_areas(DATA / "musterstadt-gebiete.csv")
    definition = json.loads((DATA / "musterstadt.json").read_text(encoding="utf-8"))
    for spec in definition["organisations"]:
        create_organisation(spec["slug"], spec["name"], spec["services"], spec["kind"])
    load_network(TODAY)
    load_funding(TODAY)
    return load_planning(TODAY)


def test_shape_of_the_concept(concept: Concept) -> None:
    assert concept.published and concept.adopted_on == datetime.date(2023, 9, 22)
    assert concept.fields.count() == 6
    measures = Measure.objects.filter(concept=concept)
    assert 80 <= measures.count() <= 90
    # Goals two and three levels deep: field → goal → sub-goal or district goal.
    depth = {g.code: 1 if g.parent_id is None else 2 for g in concept.goals.all()}
    assert set(depth.values()) == {1, 2}
    district_goals = Goal.objects.filter(concept=concept, area__isnull=False)
    assert {g.area.code[:5] for g in district_goals} == {"MS-03", "MS-06"}
    assert all(g.parent is not None and g.parent.area_id is None for g in district_goals)
    assert measures.filter(goals__area__isnull=False).distinct().count() >= 10
    # The demo organisations lead some measures, and some measures serve two goals.
    led_by = set(measures.values_list("lead__organisation__slug", flat=True))
    assert {"stadt", "diakonie", "caritas", "vhs", "jobcenter", "kulturverein"} <= led_by
    assert Actor.objects.count() == 16  # no new actor: every lead and partner is the demo's
    assert any(m.goals.count() == 2 for m in measures)
    assert measures.filter(draft=True).count() == 3
    assert measures.exclude(internal_note="").count() >= 5
    assert measures.filter(funding__code="WIR").count() >= 5
    indicators = Indicator.objects.filter(measure__concept=concept)
    assert indicators.filter(source="").count() > 30 and indicators.exclude(source="").count() == 3


def test_progress_over_two_years(concept: Concept) -> None:
    entries = ProgressEntry.objects.filter(measure__concept=concept)
    dates = sorted(entries.values_list("date", flat=True))
    assert dates[0] >= TODAY - datetime.timedelta(days=730) and dates[-1] <= TODAY
    assert (dates[-1] - dates[0]).days > 600
    years = {d.year for d in dates}
    assert years == {2024, 2025, 2026}
    statuses = set(entries.values_list("status", flat=True))
    assert {s.value for s in Status} <= statuses | {Status.PLANNED.value}


def test_plan_report_computes_on_the_demo(concept: Concept) -> None:
    report = plan_report(concept, TODAY)
    counts = report["nach_status"]
    assert report["massnahmen"] == Measure.objects.filter(concept=concept).count()
    assert counts["abgebrochen"] == 2
    assert counts["abgeschlossen"] >= 10 and counts["zurueckgestellt"] >= 4
    assert counts["geplant"] >= 5 and counts["laufend"] >= 40
    assert len(report["handlungsfelder"]) == 6
    assert all(f["massnahmen"] > 5 for f in report["handlungsfelder"].values())
    # Reminders: running measures silent for more than 180 days.
    assert 4 <= len(report["ohne_fortschritt"]) <= 10
    # The programme ending within the year with measures it finances that still run.
    assert report["foerderung_endet"]["WIR"]["massnahmen"]
    assert report["gebiete"]["MS-03"]["ziele"] == 3 and report["gebiete"]["MS-06"]["ziele"] == 3
    assert 0 < report["stand_mittel"] < 100 and report["kosten"] > 0
    # A year ago the plan stood elsewhere: entries after that date are not seen.
    before = plan_report(concept, TODAY - datetime.timedelta(days=365))
    assert before["nach_status"] != counts and before["stand_mittel"] < report["stand_mittel"]


def test_report_command_pages_and_synopsis_compute(
    concept: Concept, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command("report", "plan", "--konzept", SLUG, "--stichtag", "03.12.2026")
    printed = json.loads(capsys.readouterr().out)
    assert printed["massnahmen"] == Measure.objects.filter(concept=concept).count()
    plan = PlanOnDate(concept, TODAY)
    assert [node.field_of_action.code for node in concept_tree(plan)] == [
        f"HF{n}" for n in range(1, 7)
    ]
    areas = district_areas(concept)
    assert [a.code for a in areas] == ["MS-03", "MS-06", "MS-03-2", "MS-06-1"]
    westhagen = district_plan(plan, areas[0])
    assert {g.serves.code for g in westhagen.goals if g.serves} == {"Z1.1", "Z2.1", "Z3.2"}
    summary = synopsis(concept, TODAY, TODAY - datetime.timedelta(days=365))
    assert len(summary.fields) == 6


def test_the_same_demo_on_every_run(concept: Concept) -> None:
    first = plan_report(concept, TODAY)
    # Goals and fields are protected: removed from the leaves up, then the concept.
    Measure.objects.filter(concept=concept).delete()
    Goal.objects.filter(concept=concept, parent__isnull=False).delete()
    Goal.objects.filter(concept=concept).delete()
    concept.fields.all().delete()
    concept.delete()
    again = load_planning(TODAY)
    assert plan_report(again, TODAY) == first
