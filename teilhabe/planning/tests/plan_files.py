"""A small plan in the files of shared/formats/plan.md, for the tests of the importer
and of the figures (test_figures.py computes every figure of it by hand).

Areas: STADT > B1 (Nord) > D11, D12, D13; STADT > B2 (Süd) > D21.
Goals: HF1: Z1 > Z1.1 > Z1.1.N (district goal in D11), Z1 > Z1.2 (district goal in
B1); HF2: Z2 > Z2.1 (district goal in D21), Z3 (no measure).
"""

from __future__ import annotations

from pathlib import Path

from teilhabe.organisations.models import Area

FILES = {
    "handlungsfelder.csv": """code;titel
HF1;Bildung
HF2;Arbeit
""",
    "ziele.csv": """code;titel;handlungsfeld;uebergeordnet;gebiet
Z1;Sprache fördern;HF1;;
Z1.1;Sprachkurse ausbauen;;Z1;
Z1.1.N;Sprachcafés in Nord-Mitte;;Z1.1;D11
Z1.2;Elternarbeit im Bezirk Nord;;Z1;B1
Z2;Arbeitsmarkt öffnen;HF2;;
Z2.1;Jobpaten in Süd-West;;Z2;D21
Z3;Anerkennung beschleunigen;HF2;;
""",
    "foerderprogramme.csv": """code;titel;geber;betrag_jahr;beginn;ende
P1;Bundesprogramm Sprache;Bund;10.000,00;01.01.2023;30.06.2025
P2;Landesprogramm Arbeit;Land;5000;01.01.2024;31.12.2026
P3;Stiftung Süd;Stiftung;;;31.12.2025
P4;Altprogramm;;;;30.12.2024
P5;Kleinprogramm;;;;01.06.2025
""",
    "massnahmen.csv": """code;titel;ziele;federfuehrung;partner;gebiete;beginn;ende;kosten;finanzierung
M1;Sprachkurse Nord;Z1.1;diakonie;Volkshochschule|Grundschule Nord;D11|D12;01.03.2024;31.12.2025;1000,00;P1
M2;Sprachmittlung;Z1|Z1.1.N;Volkshochschule;;B1;01.01.2024;;2.500,50;P1
M3;Elterncafé;Z1.2;;;;;;;
M4;Jobpaten;Z2.1;;;D21;;;400;P3
M5;Beratung Arbeit;Z2;;;;;;100,00;P2
M6;Brückenkurs;Z1.1|Z2;;;D11;;;1.234,56;P1
""",
    "fortschritt.csv": """massnahme;datum;status;stand;bemerkung
M1;01.03.2024;laufend;20;Start
M1;01.10.2024;;50;
M1;31.12.2024;laufend;60;
M1;31.12.2024;;55;korrigiert
M1;15.02.2025;abgeschlossen;;
M2;01.01.2024;laufend;10;
M2;01.06.2024;;;Zwischenbericht
M2;10.01.2025;;;Bericht
M3;01.05.2024;abgebrochen;30;
M5;01.12.2024;zurueckgestellt;40;
M5;20.12.2024;laufend;;
M5;20.12.2024;zurueckgestellt;;
M5;01.03.2025;laufend;70;
M6;15.11.2024;laufend;80;
M6;01.01.2025;abgeschlossen;100;
""",
}


def make_areas() -> dict[str, Area]:
    city = Area.objects.create(code="STADT", name="Musterstadt")
    north = Area.objects.create(code="B1", name="Nord", parent=city)
    south = Area.objects.create(code="B2", name="Süd", parent=city)
    areas = {"STADT": city, "B1": north, "B2": south}
    for code, name, parent in (
        ("D11", "Nord-Mitte", north),
        ("D12", "Nord-Ost", north),
        ("D13", "Nord-West", north),
        ("D21", "Süd-West", south),
    ):
        areas[code] = Area.objects.create(code=code, name=name, parent=parent)
    return areas


def write_plan(folder: Path, files: dict[str, str] | None = None, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (files if files is not None else FILES).items():
        (folder / name).write_bytes(text.encode(encoding))
    return folder
