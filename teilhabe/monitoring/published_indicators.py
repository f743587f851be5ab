"""The published form of indicators beyond the report contract (65+, SGB II rate,
supplied indicators): their numerators and denominators are treated as if published,
and `core/disclosure.protect` hides them with the equations an attacker could use —
an area's count is the sum of the same count of the areas directly below it (where the
numbers say so), and the residents are those under 65 plus those 65 and over. A share
is shown only where its numerator and denominator both stay published, and where the
area's residents are published in the report (otherwise residents − under 65 would
give a hidden resident count away).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from teilhabe.core.disclosure import Equation, protect
from teilhabe.monitoring.figures import AreaFigures, Indicator, Value
from teilhabe.monitoring.publication import THRESHOLD

Key = tuple[str, str]  # (measure, area code)


def hidden_counts(
    chosen: Iterable[Indicator],
    values: Mapping[str, Mapping[str, Value]],
    figures: Mapping[str, AreaFigures],
    residents_shown: Mapping[str, bool],
) -> frozenset[Key]:
    """The (measure, area) counts that must not show through a share."""
    counts: dict[Key, int] = {}
    for indicator in chosen:
        for area, value in values.get(indicator.code, {}).items():
            for name, n in (
                (indicator.numerator, value.numerator),
                (indicator.denominator, value.denominator),
            ):
                if n is not None and name != "residents":
                    counts[(name, area)] = n
    keep: list[Key] = []
    equations: list[Equation[Key]] = []
    for area, entry in figures.items():
        if ("u65", area) in counts and ("age_65plus", area) in counts:
            counts[("residents", area)] = entry.residents
            if residents_shown.get(area):
                keep.append(("residents", area))
            equations.append((("residents", area), [("u65", area), ("age_65plus", area)]))
    children: dict[str, list[str]] = defaultdict(list)
    for area, entry in figures.items():
        if entry.parent is not None:
            children[entry.parent].append(area)
    for name in {name for name, _area in counts}:
        for parent, below in children.items():
            parts = [(name, c) for c in below]
            total = (name, parent)
            complete = total in counts and all(p in counts for p in parts)
            if complete and counts[total] == sum(counts[p] for p in parts):
                equations.append((total, parts))
    hidden = protect(counts, equations, THRESHOLD, keep=keep)
    # A resident count the report hides stays hidden here too: its parts go with it.
    forced = {
        key
        for area, shown in residents_shown.items()
        if not shown
        for key in (("u65", area), ("age_65plus", area))
    }
    return hidden | forced
