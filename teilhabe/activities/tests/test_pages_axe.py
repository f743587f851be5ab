"""Every page of the activities module in headless Chromium with axe-core, opened by a
demo user of a role that may open it, with the demo city's groups, events and
volunteers (the core browser test does the same for the whole matrix)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX, PUBLIC
from teilhabe.activities.tests.world import activities_world
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Organisation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]

# Who opens the pages: the roles the module is for, not only the first allowed one.
PREFERRED = (Role.PROGRAMME_COORDINATOR, Role.VOLUNTEER_COORDINATOR, Role.COUNSELLOR)


def test_every_activities_page_passes_axe(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    world = activities_world(
        Organisation.objects.get(slug="diakonie"), User.objects.get(username="programm")
    )
    pages: dict[Role, Page] = {}

    def page_for(role: Role) -> Page:
        if role not in pages:
            pages[role] = new_context(browser).new_page()
            log_in(pages[role], live_server.url, DEMO_USER_OF_ROLE[role])
        return pages[role]

    checked = 0
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("activities:") or allowed == PUBLIC:
            continue
        page = page_for(next(role for role in PREFERRED if role.value in allowed))
        url = live_server.url + reverse(
            name, kwargs={k: world.get(v, v) for k, v in kwargs.items()}
        )
        if page.request.get(url, max_redirects=0).status == 405 or "export" in name:
            continue  # POST-only actions and downloads have no page of their own
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        assert_accessible(page, "axe-" + name.replace(":", "-"))
        checked += 1
    assert checked >= 14
    # The calendar as a counsellor sees it (no links into the records), as a list.
    page = page_for(Role.COUNSELLOR)
    page.goto(live_server.url + reverse("activities:calendar") + "?ansicht=liste")
    assert_accessible(page, "axe-activities-calendar-list-counsellor")
