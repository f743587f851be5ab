"""District profiles (Steckbrief) and the map: the integration coordinator sees the
published form only; the statistics role sees the unpublished one and may look at the
published form (`?form=veroeffentlicht`)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from teilhabe.core import params
from teilhabe.core.access import requires
from teilhabe.monitoring.choropleth import MapArea, area_limits, legend_rows, svg
from teilhabe.monitoring.figures import area_figures, indicators
from teilhabe.monitoring.linechart import line_chart
from teilhabe.monitoring.models import ReferenceDate
from teilhabe.monitoring.profile import Profile, cells, profile
from teilhabe.monitoring.profile_pdf import profile_pdf
from teilhabe.monitoring.registry import area_indicators
from teilhabe.monitoring.whathappens import what_happens
from teilhabe.organisations.models import Area

view_published = requires("monitoring.view_published")
FORMS = ("veroeffentlicht", "intern")


def _published(request: HttpRequest) -> bool:
    if not request.user.has_perm("monitoring.view_unpublished"):
        return True  # everyone else sees the published form only
    return params.choice(request.GET, "form", FORMS, default="intern") == "veroeffentlicht"


def _stichtag(request: HttpRequest) -> datetime.date | None:
    latest = ReferenceDate.objects.order_by("-stichtag").values_list("stichtag", flat=True)
    day: datetime.date | None = params.date(request.GET, "stichtag", default=latest.first())
    return day


@view_published
def profile_index(request: HttpRequest) -> HttpResponse:
    day = _stichtag(request)
    figures = area_figures(day) if day else None
    areas = Area.objects.filter(code__in=list(figures or {})).order_by("level", "code")
    context = {
        "stichtag": day,
        "areas": areas,
        "dates": ReferenceDate.objects.order_by("-stichtag"),
        "known": figures is not None,
    }
    return render(request, "monitoring/profile_index.html", context)


def _profile_or_404(request: HttpRequest, pk: int) -> tuple[Area, Profile]:
    area = get_object_or_404(Area, pk=pk)
    day = _stichtag(request)
    found = profile(area.code, day, _published(request)) if day else None
    if found is None:
        raise Http404
    return area, found


def _happenings(area: Area, found: Profile) -> dict[str, Any]:
    """The profile's "What happens there": the counselling reach (indicators other apps
    register) and the sections of monitoring/registry.py."""
    registered = {i.code for i in area_indicators()}
    figures = area_figures(found.stichtag) or {}
    return {
        "reach": [row for row in found.rows if row.indicator.code in registered],
        "happenings": what_happens(area, found.stichtag, found.published, figures),
    }


@view_published
def area_profile(request: HttpRequest, pk: int) -> HttpResponse:
    area, found = _profile_or_404(request, pk)
    context = {
        "area": area,
        "profile": found,
        "chart": line_chart(found),
        "may_see_unpublished": request.user.has_perm("monitoring.view_unpublished"),
        **_happenings(area, found),
    }
    return render(request, "monitoring/profile.html", context)


@view_published
def area_profile_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    area, found = _profile_or_404(request, pk)
    response = HttpResponse(
        profile_pdf(found, _happenings(area, found)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="steckbrief-{area.pk}.pdf"'
    return response


@view_published
def indicator_map(request: HttpRequest) -> HttpResponse:
    day = _stichtag(request)
    published = _published(request)
    chosen = indicators()
    code = params.choice(request.GET, "indikator", [i.code for i in chosen], default="anteil_mh")
    indicator = next(i for i in chosen if i.code == code)
    table, _summary = cells(day, published) if day else ({}, {})
    values = table.get(code, {})
    drawn = Area.objects.filter(code__in=list(values), geometry__isnull=False)
    levels = sorted({a.level for a in drawn})
    default = next((lvl for lvl in levels if lvl > 0), levels[0] if levels else 0)
    level = params.choice(request.GET, "ebene", [str(lvl) for lvl in levels], default=str(default))
    areas = [
        MapArea(a.code, a.name, a.geometry or {}, values[a.code])
        for a in sorted(drawn, key=lambda a: a.code)
        if str(a.level) == level
    ]
    title = f"{indicator.label}, {day:%d.%m.%Y}" if day else str(indicator.label)
    description = _(
        "Map of the areas coloured by class; hatched areas are hidden by small-number "
        "protection, grey ones have no data. The numbers are in the table beside the map."
    )
    upper = area_limits(areas)
    context = {
        "stichtag": day,
        "dates": ReferenceDate.objects.order_by("-stichtag"),
        "indicators": chosen,
        "indicator": indicator,
        "levels": levels,
        "level": level,
        "areas": areas,
        "map": svg(areas, title, description) if areas else None,
        "legend": legend_rows(upper),
        "published": published,
        "may_see_unpublished": request.user.has_perm("monitoring.view_unpublished"),
    }
    return render(request, "monitoring/map.html", context)
