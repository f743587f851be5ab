"""What other apps contribute to the district monitoring, registered in their
`AppConfig.ready` (monitoring imports none of them, as casework/case_sections.py):

- `AreaCount`: a count per area for a calendar year (persons counselled, families in a
  programme), by the area the record names. Monitoring sums it up the hierarchy, uses
  it as an indicator's numerator (`AreaIndicator`, e.g. the counselling reach per 1,000
  residents with migration background) and shows it under "What happens there", in the
  published form through core/disclosure.py.
- `AreaSection`: lines about an area on a date (the plan's measures there); lines are
  not counts of persons and need no protection.

This module imports nothing of the apps, so registering costs them no dependency on
monitoring's models.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class AreaCount:
    name: str  # measure name (indicators refer to it as "reg:<name>")
    label: str | Promise
    count: Callable[[int], Mapping[int, int]]  # year -> {area id: count}
    section: str = ""  # the "what happens there" section it is shown in, if any
    order: int = 50


@dataclass(frozen=True)
class AreaIndicator:
    code: str
    label: str | Promise
    count: str  # name of an AreaCount, the numerator
    denominator: str  # a monitoring measure, e.g. "mh" (residents with migration background)
    factor: int = 1000


@dataclass(frozen=True)
class AreaSection:
    key: str
    title: str | Promise
    # (ids of the area and every area below it, reference date) -> lines
    lines: Callable[[Collection[int], datetime.date], list[str]] | None = None
    order: int = 50


_counts: dict[str, AreaCount] = {}
_indicators: dict[str, AreaIndicator] = {}
_sections: dict[str, AreaSection] = {}


def register_area_count(count: AreaCount) -> AreaCount:
    _counts[count.name] = count
    return count


def register_area_indicator(indicator: AreaIndicator) -> AreaIndicator:
    _indicators[indicator.code] = indicator
    return indicator


def register_area_section(section: AreaSection) -> AreaSection:
    _sections[section.key] = section
    return section


def area_counts() -> list[AreaCount]:
    return sorted(_counts.values(), key=lambda c: (c.order, c.name))


def area_count(name: str) -> AreaCount | None:
    return _counts.get(name)


def area_indicators() -> list[AreaIndicator]:
    return list(_indicators.values())


def area_sections() -> list[AreaSection]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.key))
