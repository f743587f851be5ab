"""A choropleth map of an indicator as SVG, drawn on the server from the areas'
GeoJSON (`Area.geometry`): no tile server, no outside service, no script, no style
attribute (the Content-Security-Policy forbids both; SVG presentation attributes are
used instead).

Classes: up to five, limits at the quantiles of the values shown (so that each class
holds about as many areas), written out in the legend. An area whose value disclosure
control hides is hatched; an area without data is light grey — neither is ever drawn as
the lowest class.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from teilhabe.monitoring.profile import Cell

COLOURS = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")  # ColorBrewer Blues
NO_DATA = "#e5e7eb"
WIDTH, HEIGHT, PAD = 640.0, 480.0, 8.0

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class MapArea:
    code: str
    name: str
    geometry: dict[str, Any]
    cell: Cell


def polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons (outer ring, holes) of a GeoJSON geometry or feature."""
    if geometry.get("type") == "Feature":
        geometry = geometry.get("geometry") or {}
    kind, coordinates = geometry.get("type"), geometry.get("coordinates") or []
    try:
        if kind == "Polygon":
            found = [coordinates]
        elif kind == "MultiPolygon":
            found = list(coordinates)
        else:
            return []
        return [[[(float(x), float(y)) for x, y, *_z in ring] for ring in poly] for poly in found]
    except (TypeError, ValueError):
        return []  # a malformed geometry is not drawn, rather than breaking the page


def limits(values: Iterable[float], classes: int = len(COLOURS)) -> list[float]:
    """The upper limits of the classes (the last one is the maximum), at quantiles of
    the distinct values; fewer classes where there are fewer distinct values."""
    distinct = sorted(set(values))
    if not distinct:
        return []
    count = min(classes, len(distinct))
    return [distinct[math.ceil(len(distinct) * (i + 1) / count) - 1] for i in range(count)]


def class_of(value: float, upper: Sequence[float]) -> int:
    return next((i for i, limit in enumerate(upper) if value <= limit), len(upper) - 1)


def _number(value: float) -> str:
    return str(number_format(value, 2))


def legend_rows(upper: Sequence[float]) -> list[tuple[str, str]]:
    """(colour, label) of each class, e.g. "12,50 bis 20,00"."""
    rows = []
    for i, limit in enumerate(upper):
        if i == 0:
            label = _("up to %(upper)s") % {"upper": _number(limit)}
        else:
            label = _("over %(lower)s to %(upper)s") % {
                "lower": _number(upper[i - 1]),
                "upper": _number(limit),
            }
        rows.append((COLOURS[_colour_index(i, len(upper))], label))
    return rows


def _colour_index(i: int, classes: int) -> int:
    """Fewer classes than colours take colours spread over the whole scale."""
    if classes == 1:
        return 0
    return round(i * (len(COLOURS) - 1) / (classes - 1))


def _projector(areas: Sequence[MapArea]) -> Any:
    points = [p for a in areas for poly in polygons(a.geometry) for ring in poly for p in ring]
    if not points:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    middle = (min(ys) + max(ys)) / 2
    # Longitude shrinks with latitude: a plain equirectangular map would stretch a
    # German city by a half from east to west.
    stretch = math.cos(math.radians(middle)) if -90 <= middle <= 90 else 1.0
    span_x = (max(xs) - min(xs)) * stretch or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    scale = min((WIDTH - 2 * PAD) / span_x, (HEIGHT - 2 * PAD) / span_y)
    left, top = min(xs), max(ys)

    def project(point: tuple[float, float]) -> str:
        x = PAD + (point[0] - left) * stretch * scale
        y = PAD + (top - point[1]) * scale
        return f"{x:.1f},{y:.1f}"

    return project


def svg(
    areas: Sequence[MapArea],
    title: str,
    description: str,
    fill: Callable[[MapArea], str | None] | None = None,
) -> SafeString:
    """`fill` gives an area's colour where the classes are not the quantiles of the
    values (the index's configured classes); None there means "left out", grey."""
    project = _projector(areas)
    upper = area_limits(areas)
    colours = legend_rows(upper)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" '
        f'width="{WIDTH * 0.75:.0f}" height="{HEIGHT * 0.75:.0f}" '
        f'class="choropleth" role="img" aria-labelledby="map-title map-desc">',
        f'<title id="map-title">{escape(title)}</title>',
        f'<desc id="map-desc">{escape(description)}</desc>',
        '<defs><pattern id="hatched" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#4b5563" stroke-width="2"/></pattern></defs>',
    ]
    for area in areas if project else []:
        if area.cell.hidden:
            colour, shown = "url(#hatched)", "."
        elif area.cell.value is None:
            colour, shown = NO_DATA, "–"
        else:
            chosen = fill(area) if fill else colours[class_of(float(area.cell.value), upper)][0]
            colour, shown = chosen or NO_DATA, _number(float(area.cell.value))
        path = " ".join(
            "M" + " L".join(project(p) for p in ring) + " Z"
            for poly in polygons(area.geometry)
            for ring in poly
        )
        parts.append(
            f'<path d="{path}" fill="{colour}" fill-rule="evenodd" stroke="#1b2f63" '
            f'stroke-width="1"><title>{escape(area.name)}: {escape(shown)}</title></path>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def area_limits(areas: Iterable[MapArea]) -> list[float]:
    """The class limits of the values shown (neither hidden nor missing)."""
    shown = [a.cell.value for a in areas if not a.cell.hidden]
    return limits(float(value) for value in shown if value is not None)
