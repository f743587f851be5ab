"""The district profile (*Steckbrief*, issue 13 item 5): an area on a reference date
with its indicators beside the city's, its largest reference-country groups and its
time series, in the unpublished form (statistics role) or the published one.

The published form goes through the report's disclosure control
(`publication.published_report`): residents, categories and reference-country counts
as published there; shares of the contract (`anteil_mh*`) as published there; the share
of foreigners only where residents and foreigners are published; every other share only
where `published_indicators.hidden_counts` (primary and secondary suppression of its
numerator and denominator over the hierarchy) leaves both published and the area's
residents are published. A hidden figure is shown as "." and no data as "–",
never as 0.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from teilhabe.monitoring.figures import Indicator, Value, area_figures, indicator_values, indicators
from teilhabe.monitoring.models import ReferenceDate
from teilhabe.monitoring.publication import published_report
from teilhabe.monitoring.published_indicators import hidden_counts

CONTRACT_SHARES = ("anteil_mh", "anteil_mh_unter_7", "anteil_mh_unter_18")


@dataclass(frozen=True)
class Cell:
    """A figure as shown: a number, hidden by disclosure control, or no data."""

    value: float | int | None
    hidden: bool = False


@dataclass
class IndicatorRow:
    indicator: Indicator
    area: Cell
    city: Cell


@dataclass
class Profile:
    code: str
    name: str
    stichtag: datetime.date
    published: bool
    city_code: str
    city_name: str
    residents: Cell
    rows: list[IndicatorRow] = field(default_factory=list)
    countries: list[tuple[str, Cell]] = field(default_factory=list)
    series: list[tuple[datetime.date, Cell, list[Cell]]] = field(default_factory=list)
    # The first indicator (share with migration background) of the city on each date,
    # for the line chart beside the area's.
    city_series: list[Cell] = field(default_factory=list)
    dates: list[datetime.date] = field(default_factory=list)

    def series_rows(self) -> list[tuple[str, list[Cell]]]:
        """The time series as rows: residents, then each indicator; a column per date."""
        rows = [(str(_("Residents")), [residents for _d, residents, _v in self.series])]
        for i, row in enumerate(self.rows):
            rows.append((str(row.indicator.label), [values[i] for _d, _r, values in self.series]))
        return rows


Table = dict[str, dict[str, Cell]]  # indicator code -> area code -> cell


def cells(stichtag: datetime.date, published: bool) -> tuple[Table, dict[str, object]]:
    """Every indicator of every area on the date, and the area report (published or
    not) it was read with."""
    figures = area_figures(stichtag) or {}
    values = indicator_values(stichtag, indicators())
    if not published:
        plain = {
            code: {a: Cell(v.value) for a, v in per_area.items()}
            for code, per_area in values.items()
        }
        return plain, {
            code: {
                "einwohner": entry.residents,
                "top5": [(c, n) for c, n in entry.top5()],
            }
            for code, entry in figures.items()
        }
    report = published_report(stichtag, figures) if figures else {"gebiete": {}}
    areas = report["gebiete"]
    assert isinstance(areas, dict)
    shown = {code: out["einwohner"] is not None for code, out in areas.items()}
    hidden = hidden_counts(indicators(), values, figures, shown)
    table: Table = {}
    for indicator in indicators():
        table[indicator.code] = {
            a: _published(indicator, a, v, areas.get(a), hidden)
            for a, v in values[indicator.code].items()
        }
    summary: dict[str, object] = {
        code: {"einwohner": out["einwohner"], "top5": list(out["bezugslaender_top5"].items())}
        for code, out in areas.items()
    }
    return table, summary


def _published(
    indicator: Indicator,
    area: str,
    value: Value,
    out: dict[str, object] | None,
    hidden: frozenset[tuple[str, str]],
) -> Cell:
    code = indicator.code
    if value.value is None:
        return Cell(None)
    if out is None:
        return Cell(None, hidden=True)
    if code in CONTRACT_SHARES:
        shown = out[code]
        return Cell(shown) if isinstance(shown, float) else Cell(None, hidden=True)
    categories = out["kategorien"]
    assert isinstance(categories, dict)
    if code == "anteil_auslaender":
        known = out["einwohner"] is not None and categories["auslaender"] is not None
        return Cell(value.value) if known else Cell(None, hidden=True)
    if (indicator.numerator, area) in hidden or (indicator.denominator, area) in hidden:
        return Cell(None, hidden=True)
    if value.denominator is not None and out["einwohner"] is None:
        return Cell(None, hidden=True)
    return Cell(value.value)


def profile(code: str, stichtag: datetime.date, published: bool) -> Profile | None:
    """The profile, or None when the area has no figures on the date."""
    figures = area_figures(stichtag)
    if not figures or code not in figures:
        return None
    city = next(entry for entry in figures.values() if entry.parent is None)
    table, summary = cells(stichtag, published)
    mine = summary[code]
    assert isinstance(mine, dict)
    chosen = indicators()
    result = Profile(
        code=code,
        name=figures[code].name,
        stichtag=stichtag,
        published=published,
        city_code=city.code,
        city_name=city.name,
        residents=_count(mine["einwohner"], published),
        dates=list(ReferenceDate.objects.order_by("stichtag").values_list("stichtag", flat=True)),
    )
    for indicator in chosen:
        per_area = table.get(indicator.code, {})
        result.rows.append(
            IndicatorRow(
                indicator,
                per_area.get(code, Cell(None)),
                per_area.get(city.code, Cell(None)),
            )
        )
    result.countries = [(c, _count(n, published)) for c, n in mine["top5"]]
    for day in result.dates:
        day_table, day_summary = (table, summary) if day == stichtag else cells(day, published)
        entry = day_summary.get(code)
        residents = _count(entry["einwohner"], published) if isinstance(entry, dict) else Cell(None)
        row = [day_table.get(i.code, {}).get(code, Cell(None)) for i in chosen]
        result.series.append((day, residents, row))
        result.city_series.append(day_table.get(chosen[0].code, {}).get(city.code, Cell(None)))
    return result


def _count(n: object, published: bool) -> Cell:
    if n is None:
        return Cell(None, hidden=published)
    assert isinstance(n, int)
    return Cell(n)
