"""The receipt list read from the files users really send, matched to the plan lines;
every bad row named as file:line:column, nothing stored on error."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest

from teilhabe.core.tabular import TableError
from teilhabe.proofs import services
from teilhabe.proofs.receipts import PlanLine, read
from teilhabe.proofs.tests.files import CSV_BAD, CSV_CP1252, xlsx_receipts
from teilhabe.proofs.tests.world import granted

LINES = [
    PlanLine(11, 1, "Honorare"),
    PlanLine(12, 2, "Sachkosten"),
    PlanLine(13, 3, "Öffentlichkeitsarbeit"),
]
PERIOD = (datetime.date(2025, 4, 1), datetime.date(2025, 12, 31))


def test_german_excel_csv_in_windows_1252_with_empty_rows() -> None:
    rows = read("Belegliste.csv", io.BytesIO(CSV_CP1252), LINES, PERIOD)
    assert [(r.number, r.line.position, r.amount) for r in rows] == [
        (2, 1, Decimal("1200.00")),
        (3, 2, Decimal("150.50")),  # matched by the label "Sachkosten"
        (5, 3, Decimal("480.00")),  # line 4 was empty: skipped, the numbering stays the file's
    ]
    assert rows[1].payee == "Bäckerei Özdemir"
    assert rows[2].purpose == "Flyer, Gebühr"
    assert rows[0].paid_on == datetime.date(2025, 5, 3)


def test_xlsx_with_date_and_number_cells_and_an_empty_row() -> None:
    rows = read("Belege 2025.xlsx", io.BytesIO(xlsx_receipts()), LINES, PERIOD)
    assert [(r.number, r.line.position, r.amount, r.paid_on) for r in rows] == [
        (2, 1, Decimal("1200.00"), datetime.date(2025, 5, 3)),
        (3, 2, Decimal("150.50"), datetime.date(2025, 6, 17)),
        (5, 3, Decimal("480.00"), datetime.date(2025, 7, 1)),
    ]


def test_a_workbook_of_one_sheet_is_read_whatever_the_sheet_is_called() -> None:
    rows = read("belege.xlsx", io.BytesIO(xlsx_receipts("Tabelle1")), LINES, PERIOD)
    assert len(rows) == 3


def test_every_bad_row_is_named_with_file_line_and_column() -> None:
    with pytest.raises(TableError) as caught:
        read("belege.csv", io.BytesIO(CSV_BAD), LINES, PERIOD)
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0].startswith("belege.csv:2:datum: Kein Datum")
    assert messages[1].startswith("belege.csv:3:betrag: ")
    assert "1.234,50" in messages[1]  # the expected form is shown
    assert messages[2].startswith("belege.csv:4:position: Keine Zeile des Finanzierungsplans")
    assert "1 Honorare, 2 Sachkosten, 3 Öffentlichkeitsarbeit" in messages[2]
    assert messages[3] == "belege.csv:5:empfänger: Die Zelle ist leer."
    assert len(messages) == 4


def test_a_receipt_outside_the_project_period_is_refused() -> None:
    data = "Datum;Empfänger;Zweck;Betrag;Position\n15.01.2026;X;Y;10,00;1\n".encode()
    with pytest.raises(TableError) as caught:
        read("b.csv", io.BytesIO(data), LINES, PERIOD)
    assert str(caught.value.problems[0]).startswith(
        "b.csv:2:datum: Das Datum liegt außerhalb des Projektzeitraums (01.04.2025 bis 31.12.2025)."
    )


def test_a_missing_column_and_a_wrong_file_type_are_refused() -> None:
    data = b"Datum;Zweck;Betrag;Position\n01.05.2025;Y;10,00;1\n"
    with pytest.raises(TableError) as caught:
        read("b.csv", io.BytesIO(data), LINES, PERIOD)
    assert [str(p) for p in caught.value.problems] == ["b.csv:1:: Die Spalte „Empfänger“ fehlt."]
    with pytest.raises(TableError) as caught:
        read("belege.pdf", io.BytesIO(b"%PDF-1.4"), LINES, PERIOD)
    assert "CSV oder XLSX" in str(caught.value.problems[0])


@pytest.mark.django_db
def test_nothing_is_stored_when_one_row_is_wrong() -> None:
    grant, _token = granted()
    proof = services.proof_for(grant)
    assert services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252)) == 3
    with pytest.raises(TableError):
        services.upload_receipts(proof, "belege.csv", io.BytesIO(CSV_BAD))
    # The earlier list stays as it was.
    proof.refresh_from_db()
    assert sorted(proof.receipts.values_list("amount", flat=True)) == [
        Decimal("150.50"),
        Decimal("480.00"),
        Decimal("1200.00"),
    ]
    assert proof.receipts_file == "Belegliste.csv"
