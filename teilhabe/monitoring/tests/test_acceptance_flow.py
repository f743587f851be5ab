"""Issue 13's acceptance in Chromium: the statistics office uploads a register extract,
first as a dry run, then for real, and watches the progress; the integration
coordinator opens a district profile with its time series, the map and the index.
Every page passes axe-core and leaves a screenshot in test-artifacts/screens/."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.roles import Role
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.monitoring.jobs import run_register
from teilhabe.monitoring.models import (
    IndexConfig,
    IndexIndicator,
    ReferenceDate,
    RegisterRun,
)
from teilhabe.monitoring.services import import_register
from teilhabe.monitoring.tests.helpers import HEADER, hierarchy, write
from teilhabe.monitoring.tests.test_import import EXTRACT
from teilhabe.organisations.models import Area

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def square(x: float, y: float) -> dict[str, Any]:
    ring = [[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


def upload_and_watch(page: Page, screen: str) -> None:
    """Submits the upload, sees the queued run on its status page, runs the job as the
    worker would (in this thread, so the live server's database is the test's), and
    waits until the page, polling every second, shows the run done."""
    with page.expect_navigation(timeout=60_000):
        page.click("main form[enctype] button[type=submit]")
    assert page.locator("#import-progress").count() == 1, page.inner_text("main")[:500]
    run = RegisterRun.objects.latest("created_at")
    assert run_register(run.pk) == RegisterRun.Status.DONE
    page.wait_for_selector(".kern-alert--success", timeout=60_000)
    assert page.get_attribute("#import-progress", "value") == "100"
    assert_accessible(page, screen)


def test_upload_then_profile_map_and_index(
    browser: Browser,
    live_server: Any,
    settings: Any,
    tmp_path: Path,
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    settings.MEDIA_ROOT = tmp_path / "media"
    musterstadt.load(scale=0)
    areas = hierarchy()
    for code, (x, y) in {"P1a": (0, 0), "P1b": (1, 0), "P2a": (0, 1)}.items():
        Area.objects.filter(code=code).update(geometry=square(10 + x, 52 + y))
    older = write(tmp_path / "older.csv", [*EXTRACT, "r12;1940;;w;P1b;DE;;;;;;;"])
    import_register(older, datetime.date(2023, 12, 31))
    extract = write(tmp_path / "melderegister.csv", EXTRACT, HEADER)

    page = new_context(browser).new_page()
    log_in(page, live_server.url, DEMO_USER_OF_ROLE[Role.STATISTICS])
    page.goto(live_server.url + reverse("monitoring:register_upload"))
    assert_accessible(page, "acceptance-01-upload")
    page.set_input_files("#id_upload", str(extract))
    page.fill("#id_stichtag", "31.12.2024")
    assert page.is_checked("#id_dry_run")
    upload_and_watch(page, "acceptance-02-dry-run")
    assert not ReferenceDate.objects.filter(stichtag=datetime.date(2024, 12, 31)).exists()

    page.goto(live_server.url + reverse("monitoring:register_upload"))
    page.set_input_files("#id_upload", str(extract))
    page.fill("#id_stichtag", "31.12.2024")
    page.uncheck("#id_dry_run")
    upload_and_watch(page, "acceptance-03-imported")
    run = RegisterRun.objects.latest("created_at")
    assert run.status == RegisterRun.Status.DONE and not run.dry_run and run.residents == 11
    assert ReferenceDate.objects.filter(stichtag=datetime.date(2024, 12, 31)).exists()

    config = IndexConfig.objects.create(
        title="Sozialindex",
        level=2,
        stichtag=datetime.date(2024, 12, 31),
        comparison=datetime.date(2023, 12, 31),
        limits=[-1, 1],
        min_residents=1,
    )
    IndexIndicator.objects.create(config=config, indicator="anteil_mh", direction=1)

    page = new_context(browser).new_page()
    log_in(page, live_server.url, DEMO_USER_OF_ROLE[Role.INTEGRATION_COORDINATOR])
    page.goto(live_server.url + reverse("monitoring:profile_index"))
    assert_accessible(page, "acceptance-04-profiles")
    page.click(f"a[href^='{reverse('monitoring:profile', kwargs={'pk': areas['D1'].pk})}']")
    page.wait_for_selector("svg.chart")  # the time series over both dates
    assert page.locator("table").nth(2).locator("thead th").count() == 3  # figure + 2 dates
    assert_accessible(page, "acceptance-05-profile")
    page.goto(live_server.url + reverse("monitoring:map") + "?indikator=anteil_mh&ebene=2")
    assert page.locator("svg.choropleth path").count() == 3
    assert_accessible(page, "acceptance-06-map")
    page.goto(live_server.url + reverse("monitoring:index_result", kwargs={"pk": config.pk}))
    assert page.locator("svg.choropleth path").count() == 3
    assert page.locator("#method-heading").count() == 1
    assert_accessible(page, "acceptance-07-index")
