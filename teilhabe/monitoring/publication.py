"""The published form of the area report: statistical confidentiality as written in
register-extract.md ("--published"), through core/disclosure.py.

The figures an attacker sees are tied by equations, and exactly these are handed to
`disclosure.protect`, which hides further counts until no hidden count follows from
the published ones:

- an area's residents are the sum of its eight categories;
- each count of an area is the sum of the same count of the areas directly below it,
  where nobody lives in the area outside those below it (otherwise the equation carries
  an unknown rest and tells nothing);
- a reference country's count of an area is the sum of that country's counts of the
  areas directly below it, where the area lists it and every area below it lists it or
  lists fewer than five countries (which says the others are 0 there).

`anteil_mh` × residents is the sum of the seven categories with migration background;
since the share is published only where residents and `ohne_mh` are, it adds nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from teilhabe.core.disclosure import Equation, protect
from teilhabe.monitoring.figures import CATEGORIES, AreaFigures, percent, report

THRESHOLD = 3  # counts of 1 and 2 are not published
Key = tuple[str, ...]


def _system(figures: dict[str, AreaFigures]) -> tuple[dict[Key, int], list[Equation[Key]]]:
    values: dict[Key, int] = {}
    equations: list[Equation[Key]] = []
    listed = {code: dict(entry.top5()) for code, entry in figures.items()}
    for code, entry in figures.items():
        values[("einwohner", code)] = entry.residents
        for category in CATEGORIES:
            values[(category, code)] = entry.categories[category]
        for country, n in listed[code].items():
            values[("land", code, country)] = n
        equations.append((("einwohner", code), [(c, code) for c in CATEGORIES]))
    children: dict[str, list[str]] = defaultdict(list)
    for code, entry in figures.items():
        if entry.parent is not None:
            children[entry.parent].append(code)
    for parent, below in children.items():
        if figures[parent].residents != sum(figures[c].residents for c in below):
            continue  # residents outside the areas below: an unknown rest in every sum
        for figure in ("einwohner", *CATEGORIES):
            equations.append(((figure, parent), [(figure, c) for c in below]))
        for country in listed[parent]:
            if all(country in listed[c] or len(listed[c]) < 5 for c in below):
                parts = [("land", c, country) for c in below if country in listed[c]]
                equations.append((("land", parent, country), parts))
    return values, equations


def published_report(stichtag: datetime.date, figures: dict[str, AreaFigures]) -> dict[str, object]:
    values, equations = _system(figures)
    tops = [("einwohner", code) for code, entry in figures.items() if entry.parent is None]
    hidden = protect(values, equations, THRESHOLD, keep=tops)

    def shown(*key: str) -> int | None:
        return None if key in hidden else values[key]

    result = report(stichtag, figures)
    areas = result["gebiete"]
    assert isinstance(areas, dict)
    for code, entry in figures.items():
        out = areas[code]
        out["einwohner"] = shown("einwohner", code)
        out["kategorien"] = {c: shown(c, code) for c in CATEGORIES}
        if out["einwohner"] is None or out["kategorien"]["ohne_mh"] is None:
            out["anteil_mh"] = None
        out["anteil_mh_unter_7"] = _small_share(entry.under_7_mh, entry.under_7)
        out["anteil_mh_unter_18"] = _small_share(entry.under_18_mh, entry.under_18)
        out["bezugslaender_top5"] = {
            country: shown("land", code, country) for country, _n in entry.top5()
        }
    return result


def _small_share(part: int, whole: int) -> float | None:
    """A share over counts that are not published: hidden where either is 1 or 2."""
    if 0 < part < THRESHOLD or 0 < whole < THRESHOLD:
        return None
    return percent(part, whole)
