"""The goal page and the district action plan page (both directions of the link between
city and district goals), the roll-ups with their rule and the measures behind them, and
the plan on a past date on every page. Figures of the plan in plan_files.py, by hand.

On 31.12.2024 (D1): M1 laufend 55, M2 laufend 10, M3 abgebrochen 30, M4 geplant 0,
M5 zurueckgestellt 40, M6 laufend 80. On 30.06.2025 (D2): M1 abgeschlossen 55, M6
abgeschlossen 100, the others as on D1 except M5 laufend 70.
Costs: M1 1000,00; M2 2500,50; M3 none; M4 400; M5 100,00; M6 1234,56.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Area
from teilhabe.planning import selectors
from teilhabe.planning.figures import plan_report
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept, Goal
from teilhabe.planning.rollup import AREA_RULE, GOAL_RULE, PlanOnDate
from teilhabe.planning.tests.plan_files import make_areas, write_plan

D1 = datetime.date(2024, 12, 31)
D2 = datetime.date(2025, 6, 30)


@pytest.fixture
def plan(tmp_path: Path, db: None) -> Concept:
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    return Concept.objects.get(slug="wir2")


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Client:
    return signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])


def goal(concept: Concept, code: str) -> Goal:
    return Goal.objects.get(concept=concept, code=code)


def codes(rollup: Any) -> list[str]:
    return [line.measure.code for line in rollup.lines]


def text(response: Any) -> str:
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_goal_page_shows_both_directions(plan: Concept) -> None:
    page = selectors.goal_page(PlanOnDate(plan, D1), goal(plan, "Z1.1"))
    assert [g.code for g in page.ancestors] == ["Z1"]  # the city goal it serves
    assert [link.goal.code for link in page.district_goals] == ["Z1.1.N"]  # serving it
    assert page.sub_goals == []
    assert [line.measure.code for line in page.named_by] == ["M1", "M6"]
    # Belonging: M1 and M6 name Z1.1, M2 names Z1.1.N below it. (55 + 10 + 80) / 3.
    assert codes(page.rollup) == ["M1", "M2", "M6"]
    assert (page.rollup.count, page.rollup.stand_mean, page.rollup.cost) == (3, 48.33, 4735.06)
    assert page.rollup.rule == GOAL_RULE
    district = page.district_goals[0]
    assert (codes(district.rollup), district.rollup.stand_mean) == (["M2"], 10.0)


def test_the_top_goal_leaves_out_a_cancelled_measure_from_the_mean(plan: Concept) -> None:
    page = selectors.goal_page(PlanOnDate(plan, D1), goal(plan, "Z1"))
    assert page.ancestors == []
    assert [link.goal.code for link in page.district_goals] == ["Z1.2"]  # the borough's plan
    assert [link.goal.code for link in page.sub_goals] == ["Z1.1"]
    # M1 M2 M3 M6; M3 is cancelled: its stand 30 is not in the mean, its count is.
    assert codes(page.rollup) == ["M1", "M2", "M3", "M6"]
    assert (page.rollup.count, page.rollup.stand_mean) == (4, 48.33)
    assert {s.status: s.count for s in page.rollup.statuses}["abgebrochen"] == 1
    z12 = page.district_goals[0].rollup
    assert (codes(z12), z12.stand_mean, z12.cost) == (["M3"], None, 0.0)


def test_the_district_plan_lists_its_goals_with_the_goal_they_serve(plan: Concept) -> None:
    north = Area.objects.get(code="B1")
    district = selectors.district_plan(PlanOnDate(plan, D1), north)
    # Goals lying in B1 or below it, each with the city goal it serves.
    assert [
        (item.goal.code, item.serves.code if item.serves else None) for item in district.goals
    ] == [
        ("Z1.1.N", "Z1.1"),
        ("Z1.2", "Z1"),
    ]
    # Measures whose own areas lie in B1: M1 (D11, D12), M2 (B1), M6 (D11); M3 is city-wide.
    assert codes(district.rollup) == ["M1", "M2", "M6"]
    assert (district.rollup.stand_mean, district.rollup.cost) == (48.33, 4735.06)
    assert district.rollup.rule == AREA_RULE
    mitte = selectors.district_plan(PlanOnDate(plan, D1), Area.objects.get(code="D11"))
    assert [item.goal.code for item in mitte.goals] == ["Z1.1.N"]
    # M2 names the borough B1, which does not count in its district D11.
    assert (codes(mitte.rollup), mitte.rollup.stand_mean, mitte.rollup.cost) == (
        ["M1", "M6"],
        67.5,
        2234.56,
    )


def test_the_pages_agree_with_the_report(plan: Concept) -> None:
    """The roll-ups read figures.py: the same numbers as `teilhabe report plan`."""
    for day in (D1, D2):
        report, on_day = plan_report(plan, day), PlanOnDate(plan, day)
        for code, figures in report["ziele"].items():
            rollup = on_day.for_goal(goal(plan, code).pk)
            assert (rollup.count, rollup.stand_mean) == (
                figures["massnahmen"],
                figures["stand_mittel"],
            )
        for node in selectors.concept_tree(on_day):
            figures = report["handlungsfelder"][node.field_of_action.code]
            assert (node.rollup.count, node.rollup.stand_mean, node.rollup.cost) == (
                figures["massnahmen"],
                figures["stand_mittel"],
                figures["kosten"],
            )
        for code, figures in report["gebiete"].items():
            rollup = on_day.for_area(Area.objects.get(code=code).pk)
            assert rollup.count == figures["massnahmen"]


def test_the_goal_page_on_a_later_date(plan: Concept) -> None:
    page = selectors.goal_page(PlanOnDate(plan, D2), goal(plan, "Z1.1"))
    # M1 abgeschlossen 55, M2 laufend 10, M6 abgeschlossen 100: (55 + 10 + 100) / 3.
    assert page.rollup.stand_mean == 55.0
    assert {s.status: s.count for s in page.rollup.statuses}["abgeschlossen"] == 2


def test_the_goal_page_states_its_rule_and_the_measures_behind_it(
    plan: Concept, coordinator: Client
) -> None:
    url = reverse("planning:goal_detail", kwargs={"pk": goal(plan, "Z1.1").pk})
    html = text(coordinator.get(url, {"stichtag": "31.12.2024"}))
    assert "48,33 %" in html and "4.735,06 €" in html
    assert "Z1 Sprache fördern" in html and "Z1.1.N Sprachcafés in Nord-Mitte" in html
    # The measures behind the number sit in a <details>, each linked with the date.
    behind = html[html.index("<details") : html.index("</details>")]
    m2 = reverse("planning:measure_detail", kwargs={"pk": plan.measures.get(code="M2").pk})
    assert f'href="{m2}?stichtag=31.12.2024"' in behind
    # Every link to another plan page carries the date on.
    for href in re.findall(r'href="(/planung/(?:ziele|massnahmen|wir2)[^"]*)"', html):
        if "bearbeiten" not in href and "/neu/" not in href:
            assert "stichtag=31.12.2024" in href, href


def test_a_district_page_follows_to_its_city_goal(plan: Concept, coordinator: Client) -> None:
    north = Area.objects.get(code="B1")
    url = reverse("planning:district_plan", kwargs={"slug": "wir2", "pk": north.pk})
    html = text(coordinator.get(url, {"stichtag": "30.06.2025"}))
    z1 = reverse("planning:goal_detail", kwargs={"pk": goal(plan, "Z1").pk})
    assert re.search(
        rf'Z1\.2 Elternarbeit im Bezirk Nord.*href="{z1}\?stichtag=30\.06\.2025"', html
    )
    # B1 on D2: M1 abgeschlossen 55, M2 laufend 10, M6 abgeschlossen 100.
    assert "55,00 %" in html


def test_the_measure_page_shows_the_entries_up_to_the_date(
    plan: Concept, coordinator: Client
) -> None:
    m1 = plan.measures.get(code="M1")
    url = reverse("planning:measure_detail", kwargs={"pk": m1.pk})
    html = text(coordinator.get(url, {"stichtag": "31.12.2024"}))
    assert "15.02.2025" not in html and "31.12.2024" in html
    assert "1 späterer Eintrag" in html or "1 later entry" in html
    assert "15.02.2025" in text(coordinator.get(url, {"stichtag": "30.06.2025"}))
