"""The time series of a district profile as an SVG line chart: the area's share with
migration background and the city's, one point per imported reference date. Built in
Python like reports/charts.py (no script, no style attribute; `role="img"` with title
and description); a hidden or missing value leaves a gap, never a point at 0. The
numbers are in the table above the chart."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.monitoring.profile import Cell, Profile

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 64, 48, 16, 48
LINES = (("#1b2f63", ""), ("#b45309", "6 4"))  # area solid, city dashed


def _points(cells: Sequence[Cell], xs: Sequence[float], top: float) -> list[list[str]]:
    """Runs of consecutive points with a value (a gap splits the line)."""
    runs: list[list[str]] = [[]]
    for x, cell in zip(xs, cells, strict=True):
        if cell.hidden or cell.value is None:
            runs.append([])
            continue
        y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(cell.value) / top)
        runs[-1].append(f"{x:.1f},{y:.1f}")
    return [run for run in runs if run]


def line_chart(profile: Profile) -> SafeString | None:
    if len(profile.series) < 2 or not profile.rows:
        return None
    label = str(profile.rows[0].indicator.label)
    dates: list[datetime.date] = [day for day, _r, _v in profile.series]
    area = [values[0] for _d, _r, values in profile.series]
    shown = [float(c.value) for c in [*area, *profile.city_series] if c.value is not None]
    top = max(100.0 if max(shown, default=0) > 50 else 50.0, 1.0)
    step = (WIDTH - LEFT - RIGHT) / (len(dates) - 1)
    xs = [LEFT + i * step for i in range(len(dates))]
    parts = []
    for tick in (0, top / 2, top):
        y = TOP + (HEIGHT - TOP - BOTTOM) * (1 - tick / top)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d0d5dd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{escape(number_format(tick, 0))} %</text>"
        )
    for x, day in zip(xs, dates, strict=True):
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle">'
            f"{day:%d.%m.%Y}</text>"
        )
    for (colour, dash), cells in zip(LINES, (area, profile.city_series), strict=True):
        for run in _points(cells, xs, top):
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dashes}/>'
            )
            for point in run:
                cx, cy = point.split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="{colour}"/>')
    names = (profile.name, profile.city_name)
    for i, (name, (colour, dash)) in enumerate(zip(names, LINES, strict=True)):
        x = LEFT + i * 220
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{x}" x2="{x + 28}" y1="{HEIGHT - 10}" y2="{HEIGHT - 10}" '
            f'stroke="{colour}" stroke-width="2.5"{dashes}/>'
            f'<text x="{x + 34}" y="{HEIGHT - 6}">{escape(name)}</text>'
        )
    title = _("%(indicator)s over time") % {"indicator": label}
    description = _(
        "%(area)s (solid line) and %(city)s (dashed line) on every imported reference "
        "date; gaps are hidden or missing values. The numbers are in the table above."
    ) % {"area": profile.name, "city": profile.city_name}
    return mark_safe(  # noqa: S308 (every text is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="series-title series-desc" '
        f'font-family="Fira Sans, DejaVu Sans, sans-serif" font-size="12">'
        f'<title id="series-title">{escape(title)}</title>'
        f'<desc id="series-desc">{escape(description)}</desc>{"".join(parts)}</svg>'
    )
