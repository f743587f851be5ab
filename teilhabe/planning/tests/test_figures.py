"""Every figure of the plan report (shared/formats/plan.md) of the plan in
plan_files.py, computed by hand, on two dates.

The measures on 31.12.2024 (D1) and on 30.06.2025 (D2), status and stand:

    M1 (Z1.1; D11, D12; 1000,00; P1)   D1 laufend 55 (two entries on D1: the later
                                          stored sets 55)      D2 abgeschlossen 55
    M2 (Z1 and its sub-goal Z1.1.N; B1; 2500,50; P1)
                                       D1 laufend 10, last entry 01.06.2024 (a remark)
                                       D2 laufend 10, last entry 10.01.2025 (a remark)
    M3 (Z1.2; city-wide; no cost)      abgebrochen 30 on both dates (left out of means)
    M4 (Z2.1; D21; 400; P3)            geplant 0 (no entries)
    M5 (Z2; city-wide; 100; P2)        D1 zurueckgestellt 40 (laufend, then
                                          zurueckgestellt on the same day)  D2 laufend 70
    M6 (Z1.1 and Z2; D11; 1234,56; P1) D1 laufend 80   D2 abgeschlossen 100 (after D1)

Goals with the measures that belong to them (named or below): Z1: M1 M2 M3 M6;
Z1.1: M1 M2 M6; Z1.1.N: M2; Z1.2: M3; Z2: M4 M5 M6; Z2.1: M4; Z3: none.
Fields: HF1 (Z1 and below): M1 M2 M3 M6; HF2 (Z2, Z3 and below): M4 M5 M6.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from teilhabe.organisations.models import Organisation
from teilhabe.planning.figures import plan_report
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept
from teilhabe.planning.tests.plan_files import make_areas, write_plan

D1 = datetime.date(2024, 12, 31)
D2 = datetime.date(2025, 6, 30)


def statuses(
    geplant: int, laufend: int, abgeschlossen: int, zurueck: int, abgebr: int
) -> dict[str, int]:
    return {
        "geplant": geplant,
        "laufend": laufend,
        "abgeschlossen": abgeschlossen,
        "zurueckgestellt": zurueck,
        "abgebrochen": abgebr,
    }


# Measures per area: a measure counts in its own areas and above (M2 names the
# borough B1: not in D11/D12); STADT counts all six. Goals: Z1.1.N in D11, Z1.2 in B1,
# Z2.1 in D21, each also above. D13 has neither and is left out.
AREAS = {
    "B1": {"massnahmen": 3, "ziele": 2},  # M1 M2 M6; Z1.1.N Z1.2
    "B2": {"massnahmen": 1, "ziele": 1},  # M4; Z2.1
    "D11": {"massnahmen": 2, "ziele": 1},  # M1 M6; Z1.1.N
    "D12": {"massnahmen": 1, "ziele": 0},  # M1
    "D21": {"massnahmen": 1, "ziele": 1},  # M4; Z2.1
    "STADT": {"massnahmen": 6, "ziele": 3},
}

EXPECTED_D1: dict[str, Any] = {
    "konzept": "wir2",
    "stichtag": "31.12.2024",
    "massnahmen": 6,
    "nach_status": statuses(1, 3, 0, 1, 1),
    # (55 + 10 + 0 + 40 + 80) / 5, M3 cancelled
    "stand_mittel": 37.0,
    # 1000 + 2500.50 + 400 + 100 + 1234.56
    "kosten": 5235.06,
    "handlungsfelder": {
        # M1 M2 M3 M6: (55 + 10 + 80) / 3 = 48.333
        "HF1": {
            "massnahmen": 4,
            "nach_status": statuses(0, 3, 0, 0, 1),
            "stand_mittel": 48.33,
            "kosten": 4735.06,
        },
        # M4 M5 M6: (0 + 40 + 80) / 3
        "HF2": {
            "massnahmen": 3,
            "nach_status": statuses(1, 1, 0, 1, 0),
            "stand_mittel": 40.0,
            "kosten": 1734.56,
        },
    },
    "ziele": {
        "Z1": {"massnahmen": 4, "stand_mittel": 48.33},
        "Z1.1": {"massnahmen": 3, "stand_mittel": 48.33},
        "Z1.1.N": {"massnahmen": 1, "stand_mittel": 10.0},
        "Z1.2": {"massnahmen": 1, "stand_mittel": None},  # only the cancelled M3
        "Z2": {"massnahmen": 3, "stand_mittel": 40.0},
        "Z2.1": {"massnahmen": 1, "stand_mittel": 0.0},
        "Z3": {"massnahmen": 0, "stand_mittel": None},
    },
    "gebiete": AREAS,
    # M2 runs; its last entry (01.06.2024) lies before D1 − 179 days = 05.07.2024.
    "ohne_fortschritt": ["M2"],
    # D1 + 365 days = 31.12.2025: P3 on the last day counts; P4 ended the day before
    # D1, P2 ends too late. P5 finances nothing and is listed all the same.
    "foerderung_endet": {
        "P1": {"ende": "30.06.2025", "massnahmen": ["M1", "M2", "M6"]},
        "P3": {"ende": "31.12.2025", "massnahmen": ["M4"]},
        "P5": {"ende": "01.06.2025", "massnahmen": []},
    },
}

EXPECTED_D2: dict[str, Any] = {
    "konzept": "wir2",
    "stichtag": "30.06.2025",
    "massnahmen": 6,
    "nach_status": statuses(1, 2, 2, 0, 1),
    # (55 + 10 + 0 + 70 + 100) / 5
    "stand_mittel": 47.0,
    "kosten": 5235.06,
    "handlungsfelder": {
        # (55 + 10 + 100) / 3
        "HF1": {
            "massnahmen": 4,
            "nach_status": statuses(0, 1, 2, 0, 1),
            "stand_mittel": 55.0,
            "kosten": 4735.06,
        },
        # (0 + 70 + 100) / 3 = 56.666
        "HF2": {
            "massnahmen": 3,
            "nach_status": statuses(1, 1, 1, 0, 0),
            "stand_mittel": 56.67,
            "kosten": 1734.56,
        },
    },
    "ziele": {
        "Z1": {"massnahmen": 4, "stand_mittel": 55.0},
        "Z1.1": {"massnahmen": 3, "stand_mittel": 55.0},
        "Z1.1.N": {"massnahmen": 1, "stand_mittel": 10.0},
        "Z1.2": {"massnahmen": 1, "stand_mittel": None},
        "Z2": {"massnahmen": 3, "stand_mittel": 56.67},
        "Z2.1": {"massnahmen": 1, "stand_mittel": 0.0},
        "Z3": {"massnahmen": 0, "stand_mittel": None},
    },
    "gebiete": AREAS,
    # M2's remark of 10.01.2025 lies within D2 − 179 days = 02.01.2025 … D2.
    "ohne_fortschritt": [],
    # P1 ends on D2 itself; of its measures only M2 is still active.
    "foerderung_endet": {
        "P1": {"ende": "30.06.2025", "massnahmen": ["M2"]},
        "P3": {"ende": "31.12.2025", "massnahmen": ["M4"]},
    },
}


@pytest.fixture
def concept(tmp_path: Path, provider: Organisation) -> Concept:
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    return Concept.objects.get(slug="wir2")


@pytest.mark.parametrize(("day", "expected"), [(D1, EXPECTED_D1), (D2, EXPECTED_D2)])
def test_every_figure_of_the_report_by_hand(
    concept: Concept, day: datetime.date, expected: dict[str, Any]
) -> None:
    report = plan_report(concept, day)
    assert list(report) == list(expected)  # the keys of plan.md, in its order
    for key, value in expected.items():
        assert report[key] == value, key


def test_the_report_command_prints_the_same_json(concept: Concept, capsys: Any) -> None:
    call_command("report", "plan", "--konzept", "wir2", "--stichtag", "31.12.2024")
    assert json.loads(capsys.readouterr().out) == EXPECTED_D1


def test_entries_before_the_first_one_leave_the_plan_as_planned(concept: Concept) -> None:
    report = plan_report(concept, datetime.date(2023, 12, 31))
    assert report["nach_status"] == statuses(6, 0, 0, 0, 0)
    assert report["stand_mittel"] == 0.0  # stand 0 without an entry that sets one
    assert report["ohne_fortschritt"] == []


def test_an_entry_dated_d_minus_179_days_counts_as_progress(concept: Concept) -> None:
    # M2's remark of 01.06.2024: on 27.11.2024 it is exactly 179 days old, on the day
    # after 180 days.
    assert plan_report(concept, datetime.date(2024, 11, 27))["ohne_fortschritt"] == []
    assert plan_report(concept, datetime.date(2024, 11, 28))["ohne_fortschritt"] == ["M2"]
