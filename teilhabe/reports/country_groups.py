"""The installation's country groups for `herkunftsregionen` (configurable)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent / "data" / "country_groups.json"


@cache
def _groups() -> tuple[dict[str, str], str]:
    path = Path(os.environ.get("TEILHABE_COUNTRY_GROUPS") or DEFAULT)
    document = json.loads(path.read_text(encoding="utf-8"))
    region_of: dict[str, str] = {}
    for group in document["groups"]:
        for code in group["countries"]:
            region_of.setdefault(code, group["name"])
    return region_of, document.get("other", "")


def region_of(country: str) -> str:
    regions, other = _groups()
    return regions.get(country, other)
