"""`teilhabe report plan` (shared/formats/plan.md): the same figures as CSV, XLSX and
PDF, and exit status 1 on bad arguments."""

from __future__ import annotations

import csv
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from teilhabe.organisations.models import Organisation
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.tests.plan_files import make_areas, write_plan


@pytest.fixture(autouse=True)
def plan(tmp_path: Path, provider: Organisation) -> None:
    make_areas()
    import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")


def report(*args: str) -> None:
    call_command("report", "plan", "--konzept", "wir2", *args)


def test_csv_one_line_per_figure_with_decimal_comma(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    report("--stichtag", "31.12.2024", "--format", "csv", "--output", str(out))
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["konzept", "stichtag", "bereich", "code", "kennzahl", "wert"]
    values = {(r[2], r[3], r[4]): r[5] for r in rows[1:]}
    assert values[("gesamt", "", "massnahmen")] == "6"
    assert values[("gesamt", "", "kosten")] == "5235,06"
    assert values[("handlungsfeld", "HF1", "stand_mittel")] == "48,33"
    assert values[("handlungsfeld", "HF2", "nach_status.zurueckgestellt")] == "1"
    assert values[("ziel", "Z3", "stand_mittel")] == ""  # null
    assert values[("gebiet", "B1", "ziele")] == "2"
    assert values[("ohne_fortschritt", "M2", "massnahme")] == "M2"
    assert values[("foerderung_endet", "P1", "massnahmen")] == "M1|M2|M6"


def test_xlsx_tables_keep_numbers(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    report("--stichtag", "31.12.2024", "--format", "xlsx", "--output", str(out))
    workbook = load_workbook(out)
    assert len(workbook.sheetnames) == 6
    fields = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert fields[1] == ("HF1", "Bildung", 4, 0, 3, 0, 0, 1, 48.33, 4735.06)
    goals = {row[0]: row for row in workbook.worksheets[2].iter_rows(min_row=2, values_only=True)}
    assert goals["Z1.2"] == ("Z1.2", "Elternarbeit im Bezirk Nord", 1, None)
    funding = list(workbook.worksheets[5].iter_rows(min_row=2, values_only=True))
    assert funding[0] == ("P1", "Bundesprogramm Sprache", "30.06.2025", "M1, M2, M6")


def test_pdf_shows_the_fields_and_the_funding_that_ends(tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    report("--stichtag", "31.12.2024", "--format", "pdf", "--output", str(out))
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "WIR 2.0" in text and "31.12.2024" in text
    assert "HF1" in text and "Bildung" in text and "P1 Bundesprogramm Sprache" in text
    assert "4.735,06" in text  # German number format in the German document


@pytest.mark.parametrize(
    "args",
    [
        ["--stichtag", "31.13.2024"],
        ["--stichtag", "31.12.2024", "--format", "docx"],
        ["--stichtag", "31.12.2024", "--format", "pdf"],  # binary needs --output
    ],
)
def test_bad_arguments_exit_1(args: list[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_status:
        report(*args)
    assert exit_status.value.code == 1
    assert capsys.readouterr().err


def test_an_unknown_concept_exits_1() -> None:
    with pytest.raises(SystemExit) as exit_status:
        call_command("report", "plan", "--konzept", "gibtsnicht", "--stichtag", "31.12.2024")
    assert exit_status.value.code == 1
