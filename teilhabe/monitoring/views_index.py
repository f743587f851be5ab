"""The status and dynamics index: the list of configured indices, the configuration
form (statistics office and integration coordinator), the result page with table, map
and method sheet, and the result as JSON and CSV (method sheet included)."""

from __future__ import annotations

import csv
import io
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.spreadsheet_safety import spreadsheet_row, spreadsheet_text
from teilhabe.core.versioning import CONFLICT_MESSAGE, EditConflict
from teilhabe.monitoring.choropleth import COLOURS, MapArea, svg
from teilhabe.monitoring.figures import indicators
from teilhabe.monitoring.index import IndexResult, compute
from teilhabe.monitoring.index_forms import IndexConfigForm, initial_of
from teilhabe.monitoring.index_services import save_config
from teilhabe.monitoring.models import IndexConfig, ReferenceDate
from teilhabe.monitoring.profile import Cell
from teilhabe.monitoring.views_profile import _published
from teilhabe.organisations.models import Area

view_published = requires("monitoring.view_published")
configure_index = requires("monitoring.configure_index")


@view_published
def index_list(request: HttpRequest) -> HttpResponse:
    context = {
        "configs": IndexConfig.objects.all(),
        "may_configure": request.user.has_perm("monitoring.configure_index"),
    }
    return render(request, "monitoring/index_list.html", context)


def _form(request: HttpRequest, config: IndexConfig | None) -> IndexConfigForm:
    dates = [
        d.strftime("%d.%m.%Y")
        for d in ReferenceDate.objects.order_by("-stichtag").values_list("stichtag", flat=True)
    ]
    levels = sorted(set(Area.objects.values_list("level", flat=True)))
    initial = initial_of(config) if config else {}
    return IndexConfigForm(
        request.POST or None,
        initial=initial,
        indicators=indicators(),
        levels=levels,
        dates=dates,
    )


def _edit(request: HttpRequest, config: IndexConfig | None) -> HttpResponse:
    form = _form(request, config)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save_config(
                config or IndexConfig(), form.cleaned_data, form.cleaned_data.get("version")
            )
        except EditConflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            return redirect("monitoring:index_result", pk=saved.pk)
    return render(request, "monitoring/index_form.html", {"form": form, "config": config})


@configure_index
def index_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@configure_index
def index_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(IndexConfig, pk=pk))


def _result(request: HttpRequest, pk: int) -> IndexResult:
    config = get_object_or_404(IndexConfig, pk=pk)
    result = compute(config, _published(request))
    if result is None:
        raise Http404
    return result


def _colours(count: int) -> list[str]:
    if count == 1:
        return [COLOURS[0]]
    return [COLOURS[round(i * (len(COLOURS) - 1) / (count - 1))] for i in range(count)]


@view_published
def index_result(request: HttpRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    which = "dynamik" if request.GET.get("karte") == "dynamik" else "status"
    colours = _colours(len(result.class_labels))
    geometry = dict(
        Area.objects.filter(
            code__in=[r.code for r in result.areas], geometry__isnull=False
        ).values_list("code", "geometry")
    )
    drawn = []
    for row in result.areas:
        if row.code not in geometry:
            continue
        value = row.dynamics if which == "dynamik" else row.status
        drawn.append(MapArea(row.code, row.name, geometry[row.code] or {}, Cell(value)))
    classes = {
        r.code: r.dynamics_class if which == "dynamik" else r.status_class for r in result.areas
    }
    title = f"{result.config.title}: " + (_("dynamics") if which == "dynamik" else _("status"))
    description = _(
        "Areas coloured by index class; grey areas are left out (see the table). "
        "The numbers are in the table below the map."
    )

    def fill(area: MapArea) -> str | None:
        found = classes.get(area.code)
        return colours[found] if found is not None else None

    context = {
        "result": result,
        "which": which,
        "map": svg(drawn, title, description, fill=fill) if drawn else None,
        "legend": list(zip(colours, result.class_labels, strict=True)),
        "may_configure": request.user.has_perm("monitoring.configure_index"),
        "may_see_unpublished": request.user.has_perm("monitoring.view_unpublished"),
    }
    return render(request, "monitoring/index_result.html", context)


def _label(result: IndexResult, found: int | None) -> str | None:
    return result.class_labels[found] if found is not None else None


def _rounded(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


@view_published
def index_json(request: HttpRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    config = result.config
    content = {
        "index": config.title,
        "stichtag": config.stichtag.strftime("%d.%m.%Y"),
        "vergleich": config.comparison.strftime("%d.%m.%Y") if config.comparison else None,
        "veroeffentlicht": result.published,
        "methode": {heading: lines for heading, lines in result.method},
        "gebiete": {
            r.code: {
                "name": r.name,
                "werte": {
                    i.code: c.value
                    for (i, _component), c in zip(result.indicators, r.values, strict=True)
                },
                "status": _rounded(r.status),
                "status_klasse": _label(result, r.status_class),
                "dynamik": _rounded(r.dynamics),
                "dynamik_klasse": _label(result, r.dynamics_class),
                "ausgeschlossen": r.note or None,
            }
            for r in result.areas
        },
    }
    response = HttpResponse(
        json.dumps(content, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="index-{config.pk}.json"'
    return response


def _decimal(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".replace(".", ",")


@view_published
def index_csv(request: HttpRequest, pk: int) -> HttpResponse:
    result = _result(request, pk)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        spreadsheet_row(
            [
                _("Area code"),
                _("Area"),
                *(str(i.label) for i, _c in result.indicators),
                _("Status index"),
                _("Status class"),
                _("Dynamics index"),
                _("Dynamics class"),
                _("Left out"),
            ]
        )
    )
    for r in result.areas:
        values = ["" if c.value is None else _decimal(float(c.value)) for c in r.values]
        writer.writerow(
            [  # numbers as they are (a minus is no formula), text escaped
                spreadsheet_text(r.code),
                spreadsheet_text(r.name),
                *values,
                _decimal(r.status),
                spreadsheet_text(_label(result, r.status_class) or ""),
                _decimal(r.dynamics),
                spreadsheet_text(_label(result, r.dynamics_class) or ""),
                spreadsheet_text(r.note),
            ]
        )
    writer.writerow([])
    for heading, lines in result.method:  # the method sheet goes with every result
        for line in lines:
            writer.writerow(spreadsheet_row([_("Method"), heading, line]))
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="index-{result.config.pk}.csv"'
    return response
