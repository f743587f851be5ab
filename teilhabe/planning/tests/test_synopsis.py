"""The synopsis for the council: per field the goals and measures on a date D with the
change since an earlier report date C, computed by hand for the plan of plan_files.py,
and the plan report's downloads linked from it.

C = 30.06.2024: M1 laufend 20, M2 laufend 10, M3 abgebrochen 30, M4 M5 M6 geplant 0.
D = 31.12.2024: M1 laufend 55, M2 laufend 10, M3 abgebrochen 30, M4 geplant 0,
                M5 zurueckgestellt 40, M6 laufend 80.
Entries dated after C up to D: M1 3 (01.10., 31.12. twice), M5 3 (01.12., 20.12.
twice), M6 1 (15.11.); M2's remarks of 01.06.2024 and 10.01.2025 lie outside.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept
from teilhabe.planning.synopsis import synopsis
from teilhabe.planning.tests.plan_files import make_areas, write_plan
from teilhabe.reports.plan_exports import PlanReport, as_csv

C = datetime.date(2024, 6, 30)
D = datetime.date(2024, 12, 31)


@pytest.fixture
def plan(tmp_path: Path, db: None) -> Concept:
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    return Concept.objects.get(slug="wir2")


def test_the_change_per_measure(plan: Concept) -> None:
    result = synopsis(plan, D, C)
    measures = {m.now.measure.code: m for f in result.fields for g in f.goals for m in g.measures}
    expected = {  # status on C, on D, stand change, entries since C
        "M1": ("laufend", "laufend", 35, 3),
        "M2": ("laufend", "laufend", 0, 0),
        "M3": ("abgebrochen", "abgebrochen", 0, 0),
        "M4": ("geplant", "geplant", 0, 0),
        "M5": ("geplant", "zurueckgestellt", 40, 3),
        "M6": ("geplant", "laufend", 80, 1),
    }
    assert {
        code: (m.before.status, m.now.status, m.stand_change, m.entries_since)
        for code, m in measures.items()
    } == expected
    assert [code for code, m in sorted(measures.items()) if m.status_changed] == ["M5", "M6"]


def test_the_change_per_field_and_concept(plan: Concept) -> None:
    result = synopsis(plan, D, C)
    hf1, hf2 = result.fields
    # HF1: M1 M2 M3 M6, M3 cancelled: D (55+10+80)/3 = 48.33, C (20+10+0)/3 = 10.00.
    assert (hf1.now.stand_mean, hf1.before.stand_mean, hf1.mean_change) == (48.33, 10.0, 38.33)
    # HF2: M4 M5 M6: D (0+40+80)/3 = 40.00, C 0.00.
    assert (hf2.now.stand_mean, hf2.before.stand_mean, hf2.mean_change) == (40.0, 0.0, 40.0)
    # The concept without M3: D (55+10+0+40+80)/5 = 37.00, C (20+10+0+0+0)/5 = 6.00.
    assert (result.now.stand_mean, result.before.stand_mean) == (37.0, 6.0)
    # Per field the goals in code order, each with the measures naming it.
    assert [(g.goal.code, [m.now.measure.code for m in g.measures]) for g in hf1.goals] == [
        ("Z1", ["M2"]),
        ("Z1.1", ["M1", "M6"]),
        ("Z1.1.N", ["M2"]),
        ("Z1.2", ["M3"]),
    ]
    assert [g.goal.code for g in hf2.goals] == ["Z2", "Z2.1", "Z3"]


def test_the_synopsis_page(plan: Concept, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:synopsis", kwargs={"slug": "wir2"})
    response = client.get(url, {"stichtag": "31.12.2024", "vergleich": "30.06.2024"})
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    assert "38,33" in html  # HF1's change in percentage points
    assert re.search(r"M5 Beratung Arbeit</a></td> <td[^>]*>–</td> <td[^>]*>[^<]+\(", html)
    export = reverse("reports:plan_export", kwargs={"slug": "wir2", "fmt": "pdf"})
    assert f'href="{export}?stichtag=31.12.2024"' in html
    # The comparison date lies before the reference date; a bad date is a 400.
    assert client.get(url, {"stichtag": "31.12.2024", "vergleich": "31.12.2024"}).status_code == 400
    assert client.get(url, {"vergleich": "30.02.2024"}).status_code == 400


def test_the_plan_report_download(plan: Concept, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.STATISTICS.value])
    url = reverse("reports:plan_export", kwargs={"slug": "wir2", "fmt": "csv"})
    response = client.get(url, {"stichtag": "31.12.2024"})
    assert response.status_code == 200
    assert 'filename="plan-wir2-2024-12-31.csv"' in response["Content-Disposition"]
    expected = as_csv(PlanReport.build(plan, D))
    assert response.content.decode("utf-8") == expected
    assert client.get(url, {"stichtag": "32.12.2024"}).status_code == 400
    bad = reverse("reports:plan_export", kwargs={"slug": "wir2", "fmt": "exe"})
    assert client.get(bad).status_code == 404
    pdf = reverse("reports:plan_export", kwargs={"slug": "wir2", "fmt": "pdf"})
    assert client.get(pdf, {"stichtag": "31.12.2024"}).content.startswith(b"%PDF-")


def test_the_synopsis_as_xlsx_and_pdf(plan: Concept, users_by_role: dict[str, Any]) -> None:
    import io
    import shutil
    import subprocess

    from openpyxl import load_workbook

    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    query = {"stichtag": "31.12.2024", "vergleich": "30.06.2024"}
    url = reverse("reports:synopsis_export", kwargs={"slug": "wir2", "fmt": "xlsx"})
    response = client.get(url, query)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {(r[1], r[2]): r for r in sheet.iter_rows(min_row=2, values_only=True)}
    # M6 under goal Z1.1: geplant 0 on C, laufend 80 on D, 1234,56 EUR, P1, 1 entry since.
    m6 = rows[("Z1.1", "M6")]
    assert (m6[7], m6[8], m6[9], m6[10], m6[13]) == (0, 80, 1234.56, "P1", 1)
    assert len(rows) == 8  # M2 and M6 name two goals each
    fields = load_workbook(io.BytesIO(response.content)).worksheets[1]
    hf1 = next(fields.iter_rows(min_row=2, max_row=2, values_only=True))
    assert hf1[1:5] == (4, 10.0, 48.33, 38.33)
    pdf_url = reverse("reports:synopsis_export", kwargs={"slug": "wir2", "fmt": "pdf"})
    pdf = client.get(pdf_url, query).content
    assert pdf.startswith(b"%PDF-")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "M5 Beratung Arbeit" in text and "30.06.2024" in text
    assert client.get(pdf_url, {"vergleich": "01.01.2099"}).status_code == 400


def test_the_synopsis_as_csv_and_json(plan: Concept, users_by_role: dict[str, Any]) -> None:
    import json

    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    query = {"stichtag": "31.12.2024", "vergleich": "30.06.2024"}
    url = reverse("reports:synopsis_export", kwargs={"slug": "wir2", "fmt": "csv"})
    text = client.get(url, query).content.decode("utf-8")
    assert text.startswith("\ufeffhandlungsfeld;ziel;massnahme;titel;")
    lines = {tuple(line.split(";")[1:3]): line.split(";") for line in text.splitlines()[1:]}
    assert len(lines) == 8  # M2 and M6 name two goals each
    # M6 under Z1.1: geplant 0 on C, laufend 80 on D, 1.234,56 EUR, P1, 1 entry since;
    # P1 ends 30.06.2025.
    m6 = lines[("Z1.1", "M6")]
    assert (m6[7], m6[8], m6[9], m6[10], m6[11], m6[13]) == (
        "0",
        "80",
        "1234,56",
        "P1",
        "30.06.2025",
        "1",
    )
    url = reverse("reports:synopsis_export", kwargs={"slug": "wir2", "fmt": "json"})
    document = json.loads(client.get(url, query).content)
    assert (document["stichtag"], document["vergleich"]) == ("2024-12-31", "2024-06-30")
    hf1 = document["handlungsfelder"][0]
    assert (hf1["code"], hf1["massnahmen"], hf1["stand_mittel_vorher"], hf1["stand_mittel"]) == (
        "HF1",
        4,
        10.0,
        48.33,
    )
    assert hf1["veraenderung"] == 38.33
    m6_json = next(r for r in hf1["zeilen"] if (r["ziel"], r["massnahme"]) == ("Z1.1", "M6"))
    assert (m6_json["stand_vorher"], m6_json["stand"], m6_json["foerderung_endet"]) == (
        0,
        80,
        "2025-06-30",
    )
