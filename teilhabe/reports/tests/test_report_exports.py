"""The annual report's PDF and XLSX, from the web and from the command line, on the
hand-made data set of test_figures (the figures themselves are tested there)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import translation
from openpyxl import load_workbook

from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports.export_pdf import as_pdf
from teilhabe.reports.export_xlsx import as_xlsx
from teilhabe.reports.presentation import AnnualReport, annual_report
from teilhabe.reports.tests.test_figures import EXPECTED_2023, EXPECTED_2024, build

pytestmark = pytest.mark.django_db

SHARE_SHEETS = {
    "Rechtsstatus": "rechtsstatus",
    "Geschlecht": "geschlecht",
    "Altersgruppen": "altersgruppen",
    "Herkunftsländer": "herkunftslaender",
    "Herkunftsregionen": "herkunftsregionen",
    "Stadtteile": "stadtteile",
    "Aufenthaltsdauer": "aufenthaltsdauer",
    "Schulabschluss": "schulabschluss",
    "Zugangswege": "zugangswege",
}
COUNT_SHEETS = {
    "Themen": "themen",
    "Ziele nach Bereich": "ziele_nach_bereich",
    "Zielstatus am Jahresende": "ziele_status_jahresende",
}


@pytest.fixture
def report() -> AnnualReport:
    build()
    translation.activate("de")
    services = list(Service.objects.filter(code__in=["IKB", "MBE"]).order_by("code"))
    return annual_report([Organisation.objects.get(slug="diakonie")], services, 2024)


def test_xlsx_has_a_sheet_per_table_with_numbers_equal_to_the_figures(report: AnnualReport) -> None:
    workbook = load_workbook(io.BytesIO(as_xlsx(report)))
    assert workbook.sheetnames == ["Bericht", "Kennzahlen", *SHARE_SHEETS, *COUNT_SHEETS]

    key_figures = workbook["Kennzahlen"]
    assert [cell.value for cell in key_figures[1]][:3] == ["Kennzahl", 2024, 2023]
    assert all(cell.font.bold for cell in key_figures[1])
    rows = {row[0]: row[1:3] for row in key_figures.iter_rows(min_row=2, values_only=True)}
    assert rows["Fälle"] == (5, 3) and rows["Ratsuchende"] == (4, 3)
    assert rows["Beratungsminuten"] == (75, 60)
    in_progress = rows["Ziele am Jahresende in Bearbeitung"]
    assert round(in_progress[0] * 100, 2) == EXPECTED_2024["ziele_in_bearbeitung_anteil"]
    assert key_figures["B2"].number_format == "#,##0"

    for name, key in {**SHARE_SHEETS, **COUNT_SHEETS}.items():
        sheet = workbook[name]
        assert sheet.column_dimensions["A"].width > 20
        shown_2024, shown_2023 = {}, {}
        for _label, code, this, previous in sheet.iter_rows(min_row=2, max_col=4, values_only=True):
            if not code:
                break  # the row of unknowns and the notes follow the table
            assert isinstance(this, (int, float)) and isinstance(previous, (int, float))
            shown_2024[code], shown_2023[code] = this, previous
        if key in SHARE_SHEETS.values():
            assert sheet["C2"].number_format == "0.00%"
            shown_2024 = {code: round(v * 100, 2) for code, v in shown_2024.items()}
            shown_2023 = {code: round(v * 100, 2) for code, v in shown_2023.items()}
        assert {c: v for c, v in shown_2024.items() if v} == EXPECTED_2024[key], name
        assert {c: v for c, v in shown_2023.items() if v} == EXPECTED_2023[key], name


def pdf_text(content: bytes, tmp_path: Path) -> tuple[str, int]:
    target = tmp_path / "bericht.pdf"
    target.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text, text.count("\f")


def test_pdf_has_cover_key_figures_definitions_and_page_numbers(
    report: AnnualReport, tmp_path: Path
) -> None:
    content = as_pdf(report)
    assert content.startswith(b"%PDF")
    text, pages = pdf_text(content, tmp_path)
    assert pages >= 5
    first = text.split("\f")[0]
    assert "JAHRESBERICHT" in first and "Diakonie" in first and "2024" in first
    assert "Seite" not in first  # no page number on the cover
    for page in range(2, pages + 1):
        assert f"Seite {page} von {pages}" in text
    assert "Kennzahlen" in text and "Fälle" in text
    assert "33,33 %" in text and "Staaten der ehemaligen Sowjetunion" in text
    assert "Aktive Fälle: Fälle der gewählten Dienste" in text  # a definition as footnote


def test_command_line_writes_pdf_and_xlsx_and_needs_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    build()
    arguments = ["report", "annual", "--organisation", "diakonie", "--dienst", "MBE,IKB"]
    arguments += ["--jahr", "2024"]
    pdf, xlsx = tmp_path / "bericht.pdf", tmp_path / "bericht.xlsx"
    call_command(*arguments, "--format", "pdf", "--output", str(pdf))
    call_command(*arguments, "--format", "xlsx", "--output", str(xlsx))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Fälle" in pdf_text(pdf.read_bytes(), tmp_path)[0]  # the installation's language
    sheet = load_workbook(xlsx)["Kennzahlen"]
    assert (sheet["B2"].value, sheet["C2"].value) == (5, 3)

    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    with pytest.raises(SystemExit) as refused:
        call_command(*arguments, "--format", "pdf")
    assert refused.value.code == 1
    assert "Das Format PDF braucht --output DATEI." in capsys.readouterr().err
    monkeypatch.setenv("LANG", "C.UTF-8")
    with pytest.raises(SystemExit):
        call_command(*arguments, "--format", "xlsx")
    assert "The format XLSX needs --output FILE." in capsys.readouterr().err
