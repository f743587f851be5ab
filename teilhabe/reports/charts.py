"""Charts of the annual report as server-rendered SVG: no script, the same markup on the
page and in the PDF (WeasyPrint draws inline SVG).

Every chart is an image with a name and a description (role="img", <title>, <desc>);
the numbers are in the accessible table under it, so the SVG's own text is decoration
for sighted readers. Colours keep 3:1 against white and each other's neighbours are
separated by white gaps; no style attributes (the Content-Security-Policy forbids them).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.reports.presentation import Row, Table

PALETTE = (
    "#1B2F63",  # navy (KERN)
    "#C2410C",  # orange
    "#0F766E",  # teal
    "#7E22CE",  # purple
    "#A16207",  # ochre
    "#2563EB",  # blue
    "#BE123C",  # crimson
    "#4B5563",  # slate
    "#15803D",  # green
    "#9D174D",  # plum
)
CURRENT, PREVIOUS = "#1B2F63", "#7489BD"  # 12.9:1 and 3.5:1 on white, 3.7:1 to each other
INK, MUTED, RULE = "#171A2B", "#4B5563", "#9CA3AF"
FONT = "Fira Sans, DejaVu Sans, Arial, sans-serif"
WIDTH = 640
MAX_SLICES = 8  # more categories: the smallest are shown together as "others"
MAX_BARS = 14


def _text(x: float, y: float, lines: Sequence[str], **attributes: str | float) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attributes.items())
    if len(lines) == 1:
        return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else 15}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{spans}</text>'


def _wrap(label: str, width: int, max_lines: int = 3) -> list[str]:
    lines = textwrap.wrap(label, width) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], textwrap.shorten(" ".join(lines[max_lines - 1 :]), width)]
    return lines


def _svg(table: Table, height: float, body: str, summary: str) -> SafeString:
    ident = f"chart-{table.key}"
    title = f"{table.spec.title} {table.year}"
    if table.has_previous and table.spec.chart == "bars":
        title += " " + _("compared with %(year)s") % {"year": table.previous_year}
    description = summary + " " + _("The numbers are in the table below the chart.")
    return mark_safe(  # noqa: S308  (every text is escaped above)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="{WIDTH}" height="{height:.0f}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}" font-size="13">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def _top(rows: list[Row], limit: int) -> list[Row]:
    """The largest rows; the rest summed up as one row "others" (for the chart only)."""
    if len(rows) <= limit:
        return rows
    shown, rest = rows[: limit - 1], rows[limit - 1 :]

    def total(values: list[float | int | None]) -> float | int | None:
        known = [value for value in values if value is not None]
        return round(sum(known), 2) if known else None

    others = Row(
        "",
        _("others (%(count)s)") % {"count": len(rest)},
        total([row.value for row in rest]),
        total([row.previous for row in rest]),
    )
    return [*shown, others]


def _largest(table: Table) -> str:
    first = max(table.rows, key=lambda row: row.value or 0)
    return _("Largest: %(label)s with %(value)s.") % {
        "label": first.label,
        "value": table.formatted(first.value),
    }


def _point(cx: float, cy: float, radius: float, angle: float) -> tuple[float, float]:
    return cx + radius * math.sin(angle), cy - radius * math.cos(angle)


def _slice(cx: float, cy: float, outer: float, inner: float, start: float, end: float) -> str:
    if end - start >= 2 * math.pi - 1e-6:  # a single category: the whole ring
        end = start + 2 * math.pi - 1e-4
    large = 1 if end - start > math.pi else 0
    x1, y1 = _point(cx, cy, outer, start)
    x2, y2 = _point(cx, cy, outer, end)
    x3, y3 = _point(cx, cy, inner, end)
    x4, y4 = _point(cx, cy, inner, start)
    return (
        f"M{x1:.2f},{y1:.2f} A{outer},{outer} 0 {large} 1 {x2:.2f},{y2:.2f} "
        f"L{x3:.2f},{y3:.2f} A{inner},{inner} 0 {large} 0 {x4:.2f},{y4:.2f} Z"
    )


def donut(table: Table) -> SafeString:
    """A ring of the current year's values with a legend naming label and value."""
    rows = _top([row for row in table.rows if row.value], MAX_SLICES)
    if not rows:
        return SafeString("")
    total = sum(row.value or 0 for row in rows)
    cx = cy = outer = 105.0
    inner = 58.0
    cy += 10
    parts: list[str] = []
    legend: list[str] = []
    angle, y = 0.0, 22.0
    for index, row in enumerate(rows):
        colour = PALETTE[index % len(PALETTE)]
        sweep = 2 * math.pi * (row.value or 0) / total
        parts.append(
            f'<path d="{_slice(cx, cy, outer, inner, angle, angle + sweep)}" fill="{colour}" '
            f'stroke="#FFFFFF" stroke-width="2"/>'
        )
        angle += sweep
        lines = _wrap(row.label, 44)
        legend.append(
            f'<rect x="250" y="{y - 11:.1f}" width="14" height="14" fill="{colour}"/>'
            + _text(274, y, lines, fill=INK)
            + _text(WIDTH - 8, y, [table.formatted(row.value)], fill=INK, text_anchor="end")
        )
        y += 15 * len(lines) + 9
    centre = str(table.year) if table.is_share else table.formatted(total)
    parts.append(_text(cx, cy + 5, [centre], fill=INK, text_anchor="middle", font_size=16))
    height = max(2 * outer + 30, y)
    summary = (
        _("Ring chart of %(count)s categories.") % {"count": len(rows)} + " " + _largest(table)
    )
    return _svg(table, height, "".join(parts + legend), summary)


def bars(table: Table) -> SafeString:
    """Horizontal bars; with the previous year's bar under each of this year's."""
    rows = _top(table.rows, MAX_BARS)
    if not rows:
        return SafeString("")
    compare = table.has_previous
    label_width, value_width = 190, 78
    left, right = label_width + 10, WIDTH - value_width
    values = [v for row in rows for v in (row.value, row.previous if compare else None) if v]
    scale = (right - left) / max(values) if values else 0.0
    bar, gap, group_gap = 13, 2, 11
    group = (2 * bar + gap if compare else bar) + group_gap
    top = 34 if compare else 10
    parts: list[str] = []
    if compare:
        for offset, (colour, year) in enumerate(
            ((CURRENT, table.year), (PREVIOUS, table.previous_year))
        ):
            x = left + offset * 90
            parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{colour}"/>')
            parts.append(_text(x + 20, 18, [str(year)], fill=INK))
    for index, row in enumerate(rows):
        y = top + index * group
        series = [(row.value, CURRENT)] + ([(row.previous, PREVIOUS)] if compare else [])
        for offset, (value, colour) in enumerate(series):
            bar_y = y + offset * (bar + gap)
            width = max((value or 0) * scale, 0)
            if width:
                parts.append(
                    f'<rect x="{left}" y="{bar_y}" width="{width:.1f}" height="{bar}" '
                    f'fill="{colour}"/>'
                )
            parts.append(
                _text(
                    left + width + 6,
                    bar_y + bar - 2.5,
                    [table.formatted(value) if value is not None else "–"],
                    fill=INK if offset == 0 else MUTED,
                    font_size=12,
                )
            )
        lines = _wrap(row.label, 28, 2)
        middle = y + (group - group_gap) / 2 + 5 - 7.5 * (len(lines) - 1)
        parts.append(_text(label_width, middle, lines, fill=INK, text_anchor="end"))
    height = top + len(rows) * group
    parts.append(
        f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - group_gap + 4}" '
        f'stroke="{RULE}" stroke-width="1"/>'
    )
    kind = _("Bar chart of %(count)s categories") % {"count": len(rows)}
    if compare:
        kind += ", " + _("each with the value of %(year)s beneath") % {"year": table.previous_year}
    return _svg(table, height, "".join(parts), f"{kind}. {_largest(table)}")


def chart(table: Table) -> SafeString:
    return donut(table) if table.spec.chart == "donut" else bars(table)
