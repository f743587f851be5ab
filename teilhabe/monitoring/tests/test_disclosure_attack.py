"""An attacker tries to recompute every suppressed count of a published area report
from the published figures, and fails.

The attacker knows only the published JSON and the format's equations
(register-extract.md, "--published"):

- an area's residents are the sum of its eight categories;
- a figure of an area is the sum of the same figure of the areas directly below it;
- a reference country's count of an area is the sum of that country's counts below it,
  where the area and those below list it (an area listing fewer than five countries
  says the others are 0 there);
- `anteil_mh` × residents is the sum of the seven categories with migration background
  (with two decimals and fewer than 10,000 residents that sum is exact).

The whole system is solved exactly over the rationals (independently of
core/disclosure.py): a hidden count is recomputable when its unit vector lies in the
row space of the equations. The attacker must find none.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from teilhabe.monitoring.figures import area_figures, report
from teilhabe.monitoring.publication import published_report
from teilhabe.monitoring.services import import_register
from teilhabe.monitoring.tests.helpers import STICHTAG, write
from teilhabe.organisations.area_import import update_levels
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db

MH = [
    "auslaender",
    "eingebuergert",
    "aussiedler",
    "optionsdeutsch",
    "deutsch_zweite_sta",
    "deutsch_geboren_ausland",
    "familiaer",
]
CATEGORIES = [*MH, "ohne_mh"]
Unknown = tuple[str, ...]


def recoverable(report_: dict[str, Any]) -> set[Unknown]:
    """The hidden counts the published report pins down."""
    areas: dict[str, Any] = report_["gebiete"]
    rows: list[tuple[dict[Unknown, Fraction], Fraction]] = []  # sum(coef * x) = constant
    unknowns: set[Unknown] = set()

    def term(key: Unknown, value: int | None) -> tuple[dict[Unknown, Fraction], Fraction]:
        if value is None:
            unknowns.add(key)
            return {key: Fraction(1)}, Fraction(0)
        return {}, Fraction(value)

    def equation(
        total: tuple[Unknown, int | None], parts: Sequence[tuple[Unknown, int | None]]
    ) -> None:
        row: dict[Unknown, Fraction] = {}
        constant = Fraction(0)
        for sign, (key, value) in [(-1, total), *((1, part) for part in parts)]:
            variables, known = term(key, value)
            for k, v in variables.items():
                row[k] = row.get(k, Fraction(0)) + sign * v
            constant -= sign * known
        rows.append(({k: v for k, v in row.items() if v}, constant))

    children: dict[str, list[str]] = {}
    for code, entry in areas.items():
        if entry["uebergeordnet"] is not None:
            children.setdefault(entry["uebergeordnet"], []).append(code)
    for code, entry in areas.items():
        cats = entry["kategorien"]
        equation(
            (("einwohner", code), entry["einwohner"]),
            [((c, code), cats[c]) for c in CATEGORIES],
        )
        if entry["anteil_mh"] is not None:
            assert entry["einwohner"] is not None, "a share over a hidden count"
            mh = round(Fraction(str(entry["anteil_mh"])) * entry["einwohner"] / 100)
            equation(((f"mh-{code}",), mh), [((c, code), cats[c]) for c in MH])
    for parent, below in children.items():
        for figure in ["einwohner", *CATEGORIES]:

            def value(code: str, figure: str = figure) -> int | None:
                entry = areas[code]
                return entry[figure] if figure == "einwohner" else entry["kategorien"][figure]

            equation(((figure, parent), value(parent)), [((figure, c), value(c)) for c in below])
        for country, n in areas[parent]["bezugslaender_top5"].items():
            lists = [areas[c]["bezugslaender_top5"] for c in below]
            if all(country in listed or len(listed) < 5 for listed in lists):
                parts = [
                    (("land", c, country), areas[c]["bezugslaender_top5"][country])
                    for c in below
                    if country in areas[c]["bezugslaender_top5"]
                ]
                equation((("land", parent, country), n), parts)
    for code, entry in areas.items():
        for country, n in entry["bezugslaender_top5"].items():
            if n is None:
                unknowns.add(("land", code, country))
    return _determined(unknowns, [row for row, _constant in rows])


def _determined(unknowns: set[Unknown], rows: list[dict[Unknown, Fraction]]) -> set[Unknown]:
    """Plain Gauss-Jordan elimination, one unknown after the other."""
    order = sorted(unknowns)
    matrix = [dict(row) for row in rows if row]
    pivot_rows: dict[Unknown, dict[Unknown, Fraction]] = {}
    for column in order:
        chosen = next((row for row in matrix if row.get(column)), None)
        if chosen is None:
            continue
        matrix.remove(chosen)
        scale = chosen[column]
        chosen = {k: v / scale for k, v in chosen.items()}
        for row in [*matrix, *pivot_rows.values()]:
            factor = row.get(column)
            if factor:
                for k, v in chosen.items():
                    row[k] = row.get(k, Fraction(0)) - factor * v
                    if not row[k]:
                        del row[k]
        pivot_rows[column] = chosen
    return {column for column, row in pivot_rows.items() if set(row) == {column}}


def random_extract(seed: int) -> list[str]:
    """Small areas with many counts of 1 and 2, every category represented."""
    rng = random.Random(seed)
    rows: list[str] = []
    number = 0
    for leaf in LEAVES:
        foreigners: list[str] = []
        for _ in range(rng.randint(2, 25)):
            number += 1
            person = f"p{number}"
            kind = rng.choices(range(9), weights=[5, 2, 1, 1, 2, 1, 2, 8, 1])[0]
            country = rng.choice(["TR", "SY", "PL", "IT", "UA", "RO", "IQ"])
            year = rng.choice([1950, 1970, 1985, 2000, 2012, 2020])
            fields = {
                0: f"{country};;{country};",
                1: f"DE;;{country};;1;;",
                2: "DE;;KZ;KZ;;1;",
                3: f"DE;{country};;;;;1",
                4: f"DE;{country};;;;;",
                5: f"DE;;{country};FR;;;",
                6: "DE;;;;;;",  # child of a foreigner below
                7: "DE;;;;;;",
                8: "XX;;;;;;",
            }[kind]
            parts = fields.split(";") + [""] * 7
            cells = ";".join(parts[:7])
            parent = ""
            if kind == 6 and foreigners:
                parent, year = rng.choice(foreigners), 2015
            if kind == 0:
                foreigners.append(person)
            sex = rng.choice("wmdx")
            rows.append(f"{person};{year};;{sex};{leaf};{cells};{parent}")
    return rows


LEAVES = ["A1", "A2", "A3", "B1", "B2", "C1"]


def build_hierarchy() -> None:
    city = Area.objects.create(code="S", name="Stadt")
    districts = {
        code: Area.objects.create(code=code, name=code, parent=city) for code in ("A", "B", "C")
    }
    for leaf in LEAVES:
        Area.objects.create(code=leaf, name=leaf, parent=districts[leaf[0]])
    update_levels()


def published_for(tmp_path: Path, rows: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    path = write(tmp_path / "extract.csv", rows)
    import_register(path, STICHTAG)
    figures = area_figures(STICHTAG)
    assert figures is not None
    return published_report(STICHTAG, figures), report(STICHTAG, figures)


@pytest.mark.parametrize("seed", range(12))
def test_no_suppressed_count_can_be_recomputed(tmp_path: Path, seed: int) -> None:
    build_hierarchy()
    published, full = published_for(tmp_path, random_extract(seed))
    assert published["gebiete"]["S"]["einwohner"] == full["gebiete"]["S"]["einwohner"]
    hidden = 0
    for code, entry in published["gebiete"].items():
        truth = full["gebiete"][code]
        counts = [("einwohner", entry["einwohner"], truth["einwohner"])]
        counts += [(c, entry["kategorien"][c], truth["kategorien"][c]) for c in CATEGORIES]
        counts += [
            (k, v, truth["bezugslaender_top5"][k]) for k, v in entry["bezugslaender_top5"].items()
        ]
        for _name, shown, true in counts:
            assert shown is None or shown == true  # published figures are true
            assert shown not in (1, 2)  # primary suppression
            hidden += shown is None
        assert list(entry["bezugslaender_top5"]) == list(truth["bezugslaender_top5"])
        if entry["anteil_mh"] is not None:
            assert entry["einwohner"] is not None and entry["kategorien"]["ohne_mh"] is not None
    assert hidden, "the extract was meant to need suppression"
    assert recoverable(published) == set()


def test_the_attacker_recovers_what_primary_suppression_alone_leaves_open(
    tmp_path: Path,
) -> None:
    """The attack has teeth: hiding only the counts of 1 and 2 gives cells away."""
    build_hierarchy()
    _published, full = published_for(tmp_path, random_extract(3))
    naive = {"stichtag": full["stichtag"], "gebiete": {}}
    for code, entry in full["gebiete"].items():
        copy = dict(entry)
        copy["einwohner"] = small(entry["einwohner"])
        copy["kategorien"] = {c: small(n) for c, n in entry["kategorien"].items()}
        copy["bezugslaender_top5"] = {c: small(n) for c, n in entry["bezugslaender_top5"].items()}
        copy["anteil_mh"] = None
        naive["gebiete"][code] = copy
    assert recoverable(naive)


def small(n: int) -> int | None:
    return None if n in (1, 2) else n


def test_shares_over_small_counts_of_children_are_hidden(tmp_path: Path) -> None:
    """Under 7: one child in the area, so its share would say whether that child has a
    migration background."""
    build_hierarchy()
    rows = [f"x{i};1980;;m;A1;DE;;;;;;;" for i in range(6)] + ["c1;2022;;w;A1;TR;;;;;;;"]
    published, full = published_for(tmp_path, rows)
    assert full["gebiete"]["A1"]["anteil_mh_unter_7"] == 100.0
    assert published["gebiete"]["A1"]["anteil_mh_unter_7"] is None
    assert published["gebiete"]["A1"]["anteil_mh_unter_18"] is None
