"""The choropleth: SVG from the areas' GeoJSON, classes with their limits, hatched
areas where disclosure control hides the value, grey where there is no data, and the
same numbers in the table beside it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.monitoring.choropleth import COLOURS, NO_DATA, class_of, limits, polygons
from teilhabe.monitoring.tests.helpers import hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT, run
from teilhabe.organisations.models import Area

pytestmark = pytest.mark.django_db


def square(x: float, y: float) -> dict[str, Any]:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_limits_and_classes() -> None:
    assert limits([]) == []
    assert limits([5.0, 5.0]) == [5.0]
    assert limits([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) == [2, 4, 6, 8, 10]
    upper = limits([0.0, 10.0, 20.0])
    assert upper == [0.0, 10.0, 20.0]
    assert [class_of(v, upper) for v in (0.0, 5.0, 10.0, 20.0)] == [0, 1, 1, 2]
    multi = {"type": "MultiPolygon", "coordinates": [square(0, 0)["coordinates"]] * 2}
    assert len(polygons(multi)) == 2
    assert polygons({"type": "Point", "coordinates": [1, 2]}) == []
    assert polygons({"type": "Polygon", "coordinates": [[["a"]]]}) == []


def test_map_by_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], users_by_role: dict[str, Any]
) -> None:
    hierarchy()
    for code, (x, y) in {"P1a": (0, 0), "P1b": (1, 0), "P2a": (0, 1)}.items():
        Area.objects.filter(code=code).update(geometry=square(10 + x, 52 + y))
    path = write(tmp_path / "extract.csv", EXTRACT)
    assert run(capsys, "import", "register", str(path), "--stichtag", "31.12.2024")[0] == 0
    url = reverse("monitoring:map") + "?indikator=anteil_65plus&stichtag=31.12.2024"

    coordinator = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    page = coordinator.get(url + "&form=intern").content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<path") == 3
    assert "url(#hatched)" in svg  # P1b: 1 of 3 is aged 65+, hidden
    assert "Nord-Ost: .</title>" in svg
    assert "33,33" not in page
    assert re.search(r"Nord-Ost</th>\s*<td[^>]*>\.</td>", page)
    assert " style=" not in svg and "<script" not in svg

    statistics = signed_in_client(users_by_role[Role.STATISTICS.value])
    page = statistics.get(url).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert "url(#hatched)" not in svg
    assert f'fill="{COLOURS[-1]}"' in svg  # 33,33 is the top class
    assert "Nord-Ost: 33,33</title>" in svg
    assert re.search(r"Nord-Ost</th>\s*<td[^>]*>33,33</td>", page)
    assert "bis 33,33" in page or "to 33,33" in page  # the class limit in the legend

    empty = statistics.get(reverse("monitoring:map") + "?indikator=sgb2_quote").content.decode()
    svg = empty[empty.index("<svg") : empty.index("</svg>")]
    assert svg.count(f'fill="{NO_DATA}"') == 3  # no SGB II data: grey, never 0
    assert statistics.get(reverse("monitoring:map") + "?indikator=nope").status_code == 400
    assert statistics.get(reverse("monitoring:map") + "?ebene=9").status_code == 400
