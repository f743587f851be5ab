"""Receipt lists as grantees produce them: German Excel's CSV (semicolons, Windows-1252,
an empty row left at the end) and an XLSX workbook with date and number cells."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook

# Windows-1252: "Bäckerei Özdemir" and "Gebühr" carry umlauts the encoding must keep.
CSV_CP1252 = (
    "Datum;Empfänger;Zweck;Betrag;Position\r\n"
    "03.05.2025;Musikschule Süd;Honorar Mai;1.200,00;1\r\n"
    "17.06.2025;Bäckerei Özdemir;Bewirtung Sprachcafé;150,50;Sachkosten\r\n"
    ";;;;\r\n"
    "01.07.2025;Druckerei Weiß;Flyer, Gebühr;480,00;3\r\n"
    ";;;;\r\n"
).encode("cp1252")

# Three bad rows: a date with a dot where none belongs, an amount with a decimal point,
# an unknown plan line; and an empty cell.
CSV_BAD = (
    "Datum;Empfänger;Zweck;Betrag;Position\n"
    "31.02.2025;Musikschule Süd;Honorar;1.200,00;1\n"
    "17.06.2025;Bäckerei;Bewirtung;150.50;2\n"
    "01.07.2025;Druckerei;Flyer;480,00;Reisekosten\n"
    "02.07.2025;;Flyer;10,00;3\n"
).encode()


def xlsx_receipts(sheet_title: str = "Belegliste") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title
    sheet.append(["Datum", "Empfänger", "Zweck", "Betrag", "Position"])
    sheet.append([datetime.datetime(2025, 5, 3), "Musikschule Süd", "Honorar Mai", 1200, 1])
    sheet.append([datetime.datetime(2025, 6, 17), "Bäckerei Özdemir", "Bewirtung", 150.5, 2])
    sheet.append([None, None, None, None, None])
    sheet.append(["01.07.2025", "Druckerei Weiß", "Flyer", "480,00", "Öffentlichkeitsarbeit"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
