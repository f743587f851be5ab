"""The figures of `teilhabe report areas` (register-extract.md, "Report JSON"), computed
from the stored counts; `publication.py` turns them into the published form."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from teilhabe.monitoring.models import (
    MIGRATION_BACKGROUND,
    Category,
    CategoryCount,
    CountryCount,
    ReferenceDate,
)
from teilhabe.organisations.models import Area

CATEGORIES = tuple(category.value for category in Category)


@dataclass
class AreaFigures:
    code: str
    name: str
    parent: str | None
    level: int
    categories: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    under_7: int = 0
    under_7_mh: int = 0
    under_18: int = 0
    under_18_mh: int = 0
    countries: dict[str, int] = field(default_factory=dict)

    @property
    def residents(self) -> int:
        return sum(self.categories.values())

    @property
    def with_background(self) -> int:
        return sum(self.categories[c] for c in MIGRATION_BACKGROUND)

    def top5(self) -> list[tuple[str, int]]:
        """The five most frequent reference countries, ties by ascending code."""
        return sorted(self.countries.items(), key=lambda item: (-item[1], item[0]))[:5]


def area_figures(stichtag: datetime.date) -> dict[str, AreaFigures] | None:
    """Every area with residents on the date (top areas first), or None when the date
    was not imported."""
    date = ReferenceDate.objects.filter(stichtag=stichtag).first()
    if date is None:
        return None
    totals = (
        CategoryCount.objects.filter(reference_date=date)
        .values_list("area_id", "category", "age_from")
        .annotate(n=Sum("count"))
    )
    areas = {
        area.pk: area
        for area in Area.objects.filter(
            pk__in=CategoryCount.objects.filter(reference_date=date).values("area_id")
        ).select_related("parent")
    }
    figures: dict[int, AreaFigures] = {}
    for pk, area in areas.items():
        parent = area.parent.code if area.parent_id in areas and area.parent else None
        figures[pk] = AreaFigures(area.code, area.name, parent, area.level)
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for pk, category, age_from, n in totals:
        entry = figures[pk]
        entry.categories[category] += n
        mh = category != Category.OHNE_MH
        if age_from < 7:
            entry.under_7 += n
            entry.under_7_mh += n if mh else 0
        if age_from < 18:
            entry.under_18 += n
            entry.under_18_mh += n if mh else 0
    for pk, country, n in (
        CountryCount.objects.filter(reference_date=date)
        .values_list("area_id", "country")
        .annotate(n=Sum("count"))
    ):
        sums[(pk, country)] += n
    for (pk, country), n in sums.items():
        figures[pk].countries[country] = n
    ordered = sorted(figures.values(), key=lambda f: (f.level, f.code))
    return {entry.code: entry for entry in ordered}


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def report(stichtag: datetime.date, figures: dict[str, AreaFigures]) -> dict[str, object]:
    """The unpublished report (statistics role only)."""
    return {
        "stichtag": stichtag.strftime("%d.%m.%Y"),
        "gebiete": {
            code: {
                "name": entry.name,
                "uebergeordnet": entry.parent,
                "einwohner": entry.residents,
                "kategorien": dict(entry.categories),
                "anteil_mh": percent(entry.with_background, entry.residents),
                "anteil_mh_unter_7": percent(entry.under_7_mh, entry.under_7),
                "anteil_mh_unter_18": percent(entry.under_18_mh, entry.under_18),
                "bezugslaender_top5": dict(entry.top5()),
            }
            for code, entry in figures.items()
        },
    }
