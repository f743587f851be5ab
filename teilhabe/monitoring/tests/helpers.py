"""Small extracts and a three-level area hierarchy for the monitoring tests."""

from __future__ import annotations

import datetime
from pathlib import Path

from teilhabe.organisations.area_import import update_levels
from teilhabe.organisations.models import Area

STICHTAG = datetime.date(2024, 12, 31)
HEADER = (
    "id;geburtsjahr;geburtsmonat;geschlecht;gebiet;sta1;sta2;geburtsland;zuzug_land;"
    "einbuergerung;aussiedler;option;eltern"
)


def hierarchy() -> dict[str, Area]:
    """S (the city) > D1, D2 (districts) > P1a, P1b under D1, P2a under D2."""
    city = Area.objects.create(code="S", name="Teststadt")
    d1 = Area.objects.create(code="D1", name="Nord", parent=city)
    d2 = Area.objects.create(code="D2", name="Süd", parent=city)
    areas = {
        "S": city,
        "D1": d1,
        "D2": d2,
        "P1a": Area.objects.create(code="P1a", name="Nord-West", parent=d1),
        "P1b": Area.objects.create(code="P1b", name="Nord-Ost", parent=d1),
        "P2a": Area.objects.create(code="P2a", name="Süd-Mitte", parent=d2),
    }
    update_levels()
    return areas


def write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path
