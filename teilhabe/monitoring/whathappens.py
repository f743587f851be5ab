""" "What happens there" on the district profile (issue 13, item 5): what other apps
register in monitoring/registry.py — the plan's measures in the area (planning),
families in family education programmes (programmes) — and the counselling reach,
which is an indicator of the profile (casework).

Counts of persons or families are shown for the area and the areas below it. In the
published form they go through `core/disclosure.protect` with the equations an
attacker knows (an area's count is the sum of the areas directly below it, where the
numbers say so), so that neither a 1 or 2 nor a difference giving one away is shown.

Groups are not here: a group records a place as free text, not an area.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from teilhabe.core.disclosure import Equation, protect
from teilhabe.monitoring.figures import AreaFigures, rolled_sums
from teilhabe.monitoring.profile import Cell
from teilhabe.monitoring.publication import THRESHOLD
from teilhabe.monitoring.registry import area_counts, area_sections
from teilhabe.organisations.models import Area


@dataclass
class Happening:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    counts: list[tuple[str, Cell]] = field(default_factory=list)


def below(area: Area, day: datetime.date) -> set[int]:
    """The area and every area below it valid on the day."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent, valid in ((a.pk, a.parent_id, a.is_valid_on(day)) for a in Area.objects.all()):
        if valid:
            children[parent].append(pk)
    found, todo = {area.pk}, [area.pk]
    while todo:
        for child in children[todo.pop()]:
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def protected_count(counts: dict[str, int], figures: dict[str, AreaFigures], code: str) -> Cell:
    """The area's count in the published form (the other areas' counts as the attacker
    sees them: published where `protect` leaves them)."""
    values = {area: counts.get(area, 0) for area in figures}
    children: dict[str, list[str]] = defaultdict(list)
    for area, entry in figures.items():
        if entry.parent is not None:
            children[entry.parent].append(area)
    equations: list[Equation[str]] = [
        (parent, parts)
        for parent, parts in children.items()
        if values[parent] == sum(values[p] for p in parts)
    ]
    hidden = protect(values, equations, THRESHOLD)
    return Cell(None, hidden=True) if code in hidden else Cell(values.get(code))


def what_happens(
    area: Area, day: datetime.date, published: bool, figures: dict[str, AreaFigures]
) -> list[Happening]:
    ids = below(area, day)
    sections = {s.key: Happening(s.key, str(s.title)) for s in area_sections()}
    for section in area_sections():
        if section.lines is not None:
            sections[section.key].lines = section.lines(ids, day)
    for count in area_counts():
        if not count.section:
            continue
        rolled = rolled_sums(day, count.count(day.year))
        cell = (
            protected_count(rolled, figures, area.code)
            if published
            else Cell(rolled.get(area.code))
        )
        target = sections.setdefault(count.section, Happening(count.section, str(count.label)))
        target.counts.append((f"{count.label} {day.year}", cell))
    return list(sections.values())
