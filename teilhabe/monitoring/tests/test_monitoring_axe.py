"""The district monitoring's pages in headless Chromium with axe-core (the rule of
core/tests/test_browser.py, limited to monitoring so that it can run on its own): the
index list, form and result (status and dynamics map), the profile list, a district
profile with its time series chart and the map, as the integration coordinator
(published form) and as the statistics office."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from teilhabe.accounts.roles import Role
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.monitoring.models import IndexConfig, IndexIndicator
from teilhabe.monitoring.services import import_register
from teilhabe.monitoring.tests.helpers import STICHTAG, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT
from teilhabe.organisations.models import Area

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def square(x: float, y: float) -> dict[str, Any]:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def test_monitoring_pages_pass_axe(
    browser: Browser, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    areas = hierarchy()
    for code, (x, y) in {"P1a": (0, 0), "P1b": (1, 0), "P2a": (0, 1)}.items():
        Area.objects.filter(code=code).update(geometry=square(10 + x, 52 + y))
    import_register(write(tmp_path / "a.csv", EXTRACT), STICHTAG)
    older = write(tmp_path / "b.csv", [*EXTRACT, "r12;1940;;w;P1b;DE;;;;;;;"])
    import_register(older, datetime.date(2023, 12, 31))
    index = IndexConfig.objects.create(
        title="Index",
        level=2,
        stichtag=STICHTAG,
        comparison=datetime.date(2023, 12, 31),
        limits=[-1, 1],
        min_residents=1,
    )
    IndexIndicator.objects.create(config=index, indicator="anteil_mh", direction=1)
    pages = {
        "index-list": reverse("monitoring:index_list"),
        "index-create": reverse("monitoring:index_create"),
        "index-result": reverse("monitoring:index_result", kwargs={"pk": index.pk}),
        "index-dynamics": reverse("monitoring:index_result", kwargs={"pk": index.pk})
        + "?karte=dynamik",
        "profile-index": reverse("monitoring:profile_index"),
        "profile": reverse("monitoring:profile", kwargs={"pk": areas["D1"].pk}),
        "map": reverse("monitoring:map") + "?indikator=anteil_65plus&ebene=2",
    }
    for role in (Role.INTEGRATION_COORDINATOR, Role.STATISTICS):
        page = new_context(browser).new_page()
        log_in(page, live_server.url, DEMO_USER_OF_ROLE[role])
        for name, url in pages.items():
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, f"{name}: {response}"
            assert_accessible(page, f"monitoring-{name}-{role.value}")
        if role == Role.INTEGRATION_COORDINATOR:
            page.goto(live_server.url + pages["map"])
            assert page.locator("svg.choropleth path[fill='url(#hatched)']").count() == 1
