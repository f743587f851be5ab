"""Results of a status and dynamics index (`models_index.IndexConfig`), computed when
read, with the method sheet that goes with every result (page, JSON, CSV).

The values are those of the profile and the map (`profile.cells`): the unpublished
form for the statistics office, the published one otherwise, so an index never shows
more than the published indicators do. Areas of the configured level take part when:

- they have at least `min_residents` residents on the reference date (else left out
  and marked, as in Berlin's MSS: shares of small areas swing by chance);
- every chosen indicator has a value on the reference date. "No data" is never 0: an
  area lacking a value (or whose value small-number protection hides) gets no index
  and takes no part in means and standard deviations — averaging only its other
  z-scores would rank it on different indicators than its neighbours.

The dynamics index does the same with the change of each indicator between the
comparison date and the reference date (value then subtracted from value now, in the
indicator's unit), over the areas that take part in the status and have every value on
the comparison date too. The arithmetic is in `index_math.py`.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from teilhabe.monitoring.figures import Indicator, area_figures, indicators
from teilhabe.monitoring.index_math import Standardised, class_of, combine, standardise
from teilhabe.monitoring.models import ReferenceDate
from teilhabe.monitoring.models_index import IndexConfig, IndexIndicator
from teilhabe.monitoring.profile import Cell, Table, cells


@dataclass
class AreaIndex:
    code: str
    name: str
    values: list[Cell]
    changes: list[float | None] = field(default_factory=list)
    status: float | None = None
    status_class: int | None = None
    dynamics: float | None = None
    dynamics_class: int | None = None
    note: str = ""  # why the area has no status index
    dynamics_note: str = ""


@dataclass
class IndexResult:
    config: IndexConfig
    published: bool
    indicators: list[tuple[Indicator, IndexIndicator]]
    areas: list[AreaIndex]
    status_stats: list[Standardised]
    dynamics_stats: list[Standardised]
    class_labels: list[str]
    method: list[tuple[str, list[str]]]


def _number(value: float, digits: int = 2) -> str:
    return str(number_format(round(value, digits), digits))


def _spread(stats: Standardised) -> dict[str, str]:
    """Mean and standard deviation for the method sheet; "–" when no area took part,
    where 0,00 would read as a measured value."""
    if not stats.z:
        return {"mean": "–", "sd": "–"}
    return {"mean": _number(stats.mean), "sd": _number(stats.sd)}


def class_labels(config: IndexConfig) -> list[str]:
    """The configured labels, or the ranges the limits cut."""
    limits = [float(v) for v in config.limits]
    if config.labels and len(config.labels) == len(limits) + 1:
        return [str(label) for label in config.labels]
    if not limits:
        return [_("all areas")]
    labels = [_("below %(limit)s") % {"limit": _number(limits[0])}]
    for low, high in itertools.pairwise(limits):
        labels.append(_("%(low)s to %(high)s") % {"low": _number(low), "high": _number(high)})
    labels.append(_("above %(limit)s") % {"limit": _number(limits[-1])})
    return labels


def _chosen(config: IndexConfig) -> list[tuple[Indicator, IndexIndicator]]:
    known = {i.code: i for i in indicators()}
    return [(known[c.indicator], c) for c in config.components.all() if c.indicator in known]


def _missing(cell: Cell, label: str) -> str:
    if cell.hidden:
        return _("value hidden by small-number protection: %(indicator)s") % {"indicator": label}
    return _("no data: %(indicator)s") % {"indicator": label}


def compute(config: IndexConfig, published: bool) -> IndexResult | None:
    """The index on its reference date, or None when that date was not imported."""
    figures = area_figures(config.stichtag)
    if figures is None:
        return None
    chosen = _chosen(config)
    table, _summary = cells(config.stichtag, published)
    before: Table = {}
    if config.comparison and area_figures(config.comparison) is not None:
        before, _s = cells(config.comparison, published)
    limits = [float(v) for v in config.limits]
    directions = [c.direction for _i, c in chosen]
    weights = [float(c.weight) for _i, c in chosen]
    level = sorted((f for f in figures.values() if f.level == config.level), key=lambda f: f.code)
    rows: list[AreaIndex] = []
    for entry in level:
        values = [table.get(i.code, {}).get(entry.code, Cell(None)) for i, _c in chosen]
        row = AreaIndex(entry.code, entry.name, values)
        if entry.residents < config.min_residents:
            row.note = _("fewer than %(n)s residents") % {"n": config.min_residents}
        else:
            gap = next(
                ((c, i) for c, (i, _x) in zip(values, chosen, strict=True) if c.value is None),
                None,
            )
            if gap:
                row.note = _missing(gap[0], str(gap[1].label))
        rows.append(row)
    taking_part = [r for r in rows if not r.note]
    status_stats = [
        standardise({r.code: float(r.values[k].value or 0) for r in taking_part})
        for k in range(len(chosen))
    ]
    status = combine([s.z for s in status_stats], directions, weights)
    dynamics_stats: list[Standardised] = []
    if config.comparison:
        for r in rows:
            then = [before.get(i.code, {}).get(r.code, Cell(None)) for i, _c in chosen]
            r.changes = [
                float(now.value) - float(old.value)
                if now.value is not None and old.value is not None
                else None
                for now, old in zip(r.values, then, strict=True)
            ]
            if r.note:
                r.dynamics_note = r.note
                continue
            gap = next(
                ((c, i) for c, (i, _x) in zip(then, chosen, strict=True) if c.value is None), None
            )
            if gap:
                day = config.comparison.strftime("%d.%m.%Y")
                r.dynamics_note = f"{day}: {_missing(gap[0], str(gap[1].label))}"
        moving = [r for r in taking_part if not r.dynamics_note]
        dynamics_stats = [
            standardise({r.code: r.changes[k] or 0.0 for r in moving}) for k in range(len(chosen))
        ]
        dynamics = combine([s.z for s in dynamics_stats], directions, weights)
    else:
        dynamics = {}
    for r in rows:
        if r.code in status:
            r.status = status[r.code]
            r.status_class = class_of(r.status, limits)
        if r.code in dynamics:
            r.dynamics = dynamics[r.code]
            r.dynamics_class = class_of(r.dynamics, limits)
    labels = class_labels(config)
    result = IndexResult(config, published, chosen, rows, status_stats, dynamics_stats, labels, [])
    result.method = method_sheet(result)
    return result


def _imported(day: datetime.date) -> str:
    stored = ReferenceDate.objects.filter(stichtag=day).first()
    if stored is None:
        return _("%(date)s: not imported") % {"date": day.strftime("%d.%m.%Y")}
    return _("%(date)s, register extract imported on %(when)s") % {
        "date": day.strftime("%d.%m.%Y"),
        "when": timezone.localtime(stored.imported_at).strftime("%d.%m.%Y %H:%M"),
    }


def method_sheet(result: IndexResult) -> list[tuple[str, list[str]]]:
    """The method as text, generated from the configuration and the data: printed with
    every result so that anyone can recompute it."""
    config = result.config
    weights = [
        _("%(indicator)s: %(direction)s, weight %(weight)s")
        % {
            "indicator": indicator.label,
            "direction": component.get_direction_display(),
            "weight": _number(float(component.weight)),
        }
        for indicator, component in result.indicators
    ]
    formula = [
        _(
            "z-score of an indicator: (value of the area − mean) / standard deviation, "
            "over the areas taking part (population standard deviation, divided by n). An "
            "indicator equal in every area has z = 0."
        ),
        _(
            "Status index: Σ (weight × direction × z) / Σ weight, direction +1 where a "
            "higher value means more need and −1 where it means less. A higher index means "
            "more need."
        ),
    ]
    for indicator, stats in zip(result.indicators, result.status_stats, strict=True):
        formula.append(
            _("%(indicator)s on the reference date: mean %(mean)s, standard deviation %(sd)s")
            % {"indicator": indicator[0].label, **_spread(stats)}
        )
    if config.comparison:
        formula.append(
            _(
                "Dynamics index: the same formula over the change of each indicator "
                "(value on the reference date − value on the comparison date)."
            )
        )
        for indicator, stats in zip(result.indicators, result.dynamics_stats, strict=True):
            formula.append(
                _("%(indicator)s, change: mean %(mean)s, standard deviation %(sd)s")
                % {"indicator": indicator[0].label, **_spread(stats)}
            )
    limits = [float(v) for v in config.limits]
    classes = [f"{index + 1}: {label}" for index, label in enumerate(result.class_labels)]
    if limits:
        classes.append(
            _("Limits %(limits)s; a value equal to a limit belongs to the class nearer 0.")
            % {"limits": "; ".join(_number(v) for v in limits)}
        )
    excluded = [f"{r.name} ({r.code}): {r.note}" for r in result.areas if r.note]
    excluded += [
        f"{r.name} ({r.code}), {_('dynamics')}: {r.dynamics_note}"
        for r in result.areas
        if r.dynamics_note and not r.note
    ]
    excluded.append(
        _(
            "No data is never counted as 0: an area without a value of a chosen indicator "
            "gets no index and does not enter the means and standard deviations."
        )
    )
    data = [_imported(config.stichtag)]
    if config.comparison:
        data.append(_imported(config.comparison))
    data.append(
        _(
            "Level %(level)s of the area hierarchy; areas with fewer than %(n)s residents "
            "are left out."
        )
        % {"level": config.level, "n": config.min_residents}
    )
    data.append(
        _("Published form: values hidden by small-number protection count as missing.")
        if result.published
        else _("Unpublished form of the statistics office.")
    )
    taking_part = sum(1 for r in result.areas if r.status is not None)
    data.append(
        _("%(n)s of %(all)s areas take part.") % {"n": taking_part, "all": len(result.areas)}
    )
    return [
        (_("Indicators"), weights),
        (_("Formula"), formula),
        (_("Classes"), classes),
        (_("Areas left out"), excluded),
        (_("Data"), data),
    ]
