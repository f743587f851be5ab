"""The city-wide statistics and the closing of a year in headless Chromium on the demo
city, checked with axe-core; screenshots in test-artifacts/screens/."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser

from teilhabe.core.tests.test_browser import (  # noqa: F401  (browser is a fixture)
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.reports.models import FrozenReport

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_city_statistics_and_closing_a_year(
    browser: Browser,  # noqa: F811
    live_server: Any,
    settings: Any,
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load()
    year = timezone.localdate().year - 1

    page = new_context(browser).new_page()
    log_in(page, live_server.url, "statistik")
    page.locator(f'nav a[href="{reverse("statistics:city")}"]').click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().endswith(str(year))
    # six of the city statistics, then the parts other apps add (mediation's requests)
    parts = page.locator("section[aria-labelledby^='teil-'] table").count()
    assert page.locator("table").count() - parts == 6
    assert page.locator("text=•").count() > 0  # the demo city has small cells
    assert_accessible(page, "city-statistics")
    page.get_by_label("Migrationsberatung für erwachsene Zuwanderer (MBE)").check()
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_load_state()
    assert page.locator("thead th", has_text="JMD").count() == 0
    assert_accessible(page, "city-statistics-mbe")

    lead = new_context(browser).new_page()
    log_in(lead, live_server.url, "teamleitung")
    lead.goto(live_server.url + reverse("statistics:closing"))
    assert_accessible(lead, "closed-years")
    lead.get_by_label("Migrationsberatung für erwachsene Zuwanderer (MBE)").check()
    lead.get_by_label("Jahr").select_option(str(year))
    lead.locator("main form button[type=submit]").click()
    lead.wait_for_load_state()
    assert_accessible(lead, "close-year-confirm")
    lead.locator("main form[method=post] button[type=submit]").click()
    lead.wait_for_load_state()
    report = FrozenReport.objects.get()
    assert report.services == "MBE" and report.year == year
    assert lead.locator("main table tbody tr").count() == 1
    assert_accessible(lead, "closed-years-after")
    lead.locator(f'a[href$="?bericht={report.pk}"]').click()
    lead.wait_for_load_state()
    assert_accessible(lead, "reopen-year-confirm")
