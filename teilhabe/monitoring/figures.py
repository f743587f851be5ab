"""The figures of `teilhabe report areas` (register-extract.md, "Report JSON"), computed
from the stored counts; `publication.py` turns them into the published form."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from teilhabe.monitoring.models import (
    MIGRATION_BACKGROUND,
    Category,
    CategoryCount,
    CountryCount,
    ReferenceDate,
    Sgb2Count,
    SuppliedIndicator,
    SuppliedValue,
)
from teilhabe.monitoring.registry import area_count, area_indicators
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


# --- Indicators as data (issue 13, item 4) -------------------------------------------
#
# An indicator is a numerator and a denominator, each a named sum ("measure") per area
# and reference date, and a factor. Every measure is a count of the area as a whole
# (the register's counts are stored rolled up; supplied tables are summed up the
# hierarchy by `supplied_sums`), so a higher area's value is the ratio of the summed
# numerators and denominators, never a mean of its children's shares. "No data" is
# None all the way to the page, never 0.


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str | Promise
    numerator: str
    denominator: str
    factor: int = 100


DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator("anteil_mh", _("Share with migration background"), "mh", "residents"),
    Indicator("anteil_mh_unter_7", _("Share with migration background, under 7"), "mh_u7", "u7"),
    Indicator(
        "anteil_mh_unter_18", _("Share with migration background, under 18"), "mh_u18", "u18"
    ),
    Indicator("anteil_auslaender", _("Share of foreigners"), "auslaender", "residents"),
    Indicator("anteil_65plus", _("Share aged 65 and over"), "age_65plus", "residents"),
    # The SGB II rate of the Federal Employment Agency: persons in SGB II benefit
    # communities per 100 residents under 65.
    Indicator("sgb2_quote", _("SGB II rate (per 100 residents under 65)"), "sgb2", "u65"),
)


def indicators() -> list[Indicator]:
    """The default indicators, those other apps register (monitoring/registry.py: the
    counselling reach) and every indicator a statistics office supplied."""
    registered = [
        Indicator(i.code, i.label, f"reg:{i.count}", i.denominator, i.factor)
        for i in area_indicators()
    ]
    supplied = [
        Indicator(i.code, i.title, f"num:{i.code}", f"den:{i.code}", i.factor)
        for i in SuppliedIndicator.objects.all()
    ]
    return [*DEFAULT_INDICATORS, *registered, *supplied]


@dataclass(frozen=True)
class Value:
    numerator: int | None
    denominator: int | None
    factor: int

    @property
    def value(self) -> float | None:
        if self.numerator is None or not self.denominator:
            return None
        return round(self.factor * self.numerator / self.denominator, 2)


Measures = dict[str, dict[str, int]]  # area code -> measure -> count


def register_measures(stichtag: datetime.date) -> Measures:
    """The register's counts of every area on the date (empty when not imported)."""
    out: Measures = {}
    rows = (
        CategoryCount.objects.filter(reference_date__stichtag=stichtag)
        .values_list("area__code", "category", "age_from")
        .annotate(n=Sum("count"))
    )
    for code, category, age_from, n in rows:
        entry = out.setdefault(code, defaultdict(int))
        mh = category != Category.OHNE_MH
        entry["residents"] += n
        entry["mh"] += n if mh else 0
        entry["auslaender"] += n if category == Category.AUSLAENDER else 0
        for limit, name in ((7, "u7"), (18, "u18"), (65, "u65")):
            if age_from < limit:
                entry[name] += n
                entry[f"mh_{name}"] += n if mh else 0
        entry["age_65plus"] += n if age_from >= 65 else 0
    return {code: dict(entry) for code, entry in out.items()}


def supplied_sums(stichtag: datetime.date, given: dict[int, int]) -> dict[str, int]:
    """Counts supplied for some areas (area id -> count) for every area of the hierarchy
    valid on the date: an area's own count where supplied, else the sum over the areas
    directly below it when every one of them has a count; otherwise no count (a partial
    sum would pass for the whole area)."""
    areas = [a for a in Area.objects.all() if a.is_valid_on(stichtag)]
    children: dict[int | None, list[Area]] = defaultdict(list)
    for area in areas:
        children[area.parent_id].append(area)
    result: dict[str, int] = {}

    def visit(area: Area, path: tuple[int, ...]) -> int | None:
        below = [visit(c, (*path, area.pk)) for c in children[area.pk] if c.pk not in path]
        own = given.get(area.pk)
        if own is None and below and all(n is not None for n in below):
            own = sum(n for n in below if n is not None)
        if own is not None:
            result[area.code] = own
        return own

    valid = {a.pk for a in areas}
    for area in areas:
        if area.parent_id is None or area.parent_id not in valid:
            visit(area, ())
    return result


def rolled_sums(stichtag: datetime.date, given: Mapping[int, int]) -> dict[str, int]:
    """A complete count (every record counted where it is, nothing missing: an area
    without an entry has 0) for every area valid on the date: its own count and the
    counts of every area below it."""
    areas = [a for a in Area.objects.all() if a.is_valid_on(stichtag)]
    children: dict[int | None, list[Area]] = defaultdict(list)
    for area in areas:
        children[area.parent_id].append(area)
    result: dict[str, int] = {}

    def visit(area: Area, path: tuple[int, ...]) -> int:
        below = [visit(c, (*path, area.pk)) for c in children[area.pk] if c.pk not in path]
        result[area.code] = given.get(area.pk, 0) + sum(below)
        return result[area.code]

    valid = {a.pk for a in areas}
    for area in areas:
        if area.parent_id is None or area.parent_id not in valid:
            visit(area, ())
    return result


def measures(stichtag: datetime.date, wanted: Iterable[str] = ()) -> Measures:
    """Every measure of every area on the date: the register's and the supplied ones."""
    out = register_measures(stichtag)
    register = set(out)

    def merge(name: str, given: dict[int, int]) -> None:
        for code, n in supplied_sums(stichtag, given).items():
            out.setdefault(code, {})[name] = n

    sgb2 = Sgb2Count.objects.filter(stichtag=stichtag)
    if sgb2.exists():
        merge("sgb2", dict(sgb2.values_list("area_id", "persons")))
        merge("sgb2_u15", dict(sgb2.values_list("area_id", "under_15")))
    for name in {n for n in wanted if n.startswith("reg:")}:
        registered = area_count(name.split(":", 1)[1])
        if registered is not None and register:  # counts of the date's calendar year,
            # for the areas with register figures (its indicators divide by those)
            for code, n in rolled_sums(stichtag, registered.count(stichtag.year)).items():
                if code in register:
                    out[code][name] = n
    codes = {name.split(":", 1)[1] for name in wanted if name.startswith(("num:", "den:"))}
    values = SuppliedValue.objects.filter(stichtag=stichtag, indicator__code__in=codes)
    for code in codes:
        mine = values.filter(indicator__code=code)
        merge(f"num:{code}", dict(mine.values_list("area_id", "numerator")))
        merge(f"den:{code}", dict(mine.values_list("area_id", "denominator")))
    return out


def indicator_values(
    stichtag: datetime.date, chosen: list[Indicator] | None = None
) -> dict[str, dict[str, Value]]:
    """indicator code -> area code -> value, for every area with any figure on the date."""
    chosen = chosen if chosen is not None else indicators()
    wanted = [name for i in chosen for name in (i.numerator, i.denominator)]
    counts = measures(stichtag, wanted)
    return {
        i.code: {
            area: Value(entry.get(i.numerator), entry.get(i.denominator), i.factor)
            for area, entry in counts.items()
        }
        for i in chosen
    }


def top_countries(
    stichtag: datetime.date, area_code: str, limit: int = 5
) -> list[tuple[str, int, float | None]]:
    """The largest reference-country groups of an area: (country, residents, share of
    all residents in percent), ties by ascending code."""
    rows = (
        CountryCount.objects.filter(reference_date__stichtag=stichtag, area__code=area_code)
        .values_list("country")
        .annotate(n=Sum("count"))
    )
    residents = register_measures(stichtag).get(area_code, {}).get("residents", 0)
    ordered = sorted(((c, n) for c, n in rows), key=lambda item: (-item[1], item[0]))[:limit]
    return [(c, n, percent(n, residents)) for c, n in ordered]
