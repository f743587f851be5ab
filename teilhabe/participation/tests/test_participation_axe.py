"""Every participation page of the role matrix in headless Chromium with axe-core, as
the first role the matrix lets in (the coordinator), the public page as an anonymous
visitor, the measure page with its section "Ideas this measure came from", and the event
form refused for counts that do not add up."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX, PUBLIC
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.participation.tests.world import participation_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_every_participation_page_passes_axe(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    world = participation_world()
    pages: dict[str, Page] = {}
    checked = []
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("participation:"):
            continue
        role = (
            "anonymous" if allowed == PUBLIC else next(r.value for r in Role if r.value in allowed)
        )
        if role not in pages:
            pages[role] = new_context(browser).new_page()
            if role != "anonymous":
                log_in(pages[role], live_server.url, DEMO_USER_OF_ROLE[Role(role)])
        page = pages[role]
        url = live_server.url + reverse(name, kwargs={k: world[v] for k, v in kwargs.items()})
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name}: {response}"
        assert_accessible(page, name.replace(":", "-"))
        checked.append(name)
    assert len(checked) == 9, checked

    coordinator = pages[Role.INTEGRATION_COORDINATOR.value]
    # An idea's buttons carry a hidden "Idee n" for screen readers; they keep their
    # width (app.css) instead of squeezing to one word per line.
    event = reverse("participation:event_detail", kwargs={"pk": world["<participation_event>"]})
    coordinator.goto(live_server.url + event)
    button = coordinator.locator("main a.kern-btn:has(.kern-sr-only)").first
    box = button.bounding_box()
    assert box is not None and box["width"] > 2 * box["height"], box
    measure = reverse("planning:measure_detail", kwargs={"pk": world["<participation_measure>"]})
    coordinator.goto(live_server.url + measure)
    assert "Kurse am Abend" in coordinator.locator("section:has(#section-ideas)").inner_text()
    assert_accessible(coordinator, "participation-measure-section")

    create = reverse(
        "participation:event_create", kwargs={"slug": world["<participation_concept>"]}
    )
    coordinator.goto(live_server.url + create)
    coordinator.locator("[name=kind]").select_option("world_cafe")
    coordinator.locator("[name=title]").fill("World Café Süd")
    coordinator.locator("[name=date]").fill("2025-04-01")
    coordinator.locator("[name=age_27_64]").fill("5")
    coordinator.locator("[name=female]").fill("4")
    coordinator.locator("main button[type=submit]").click()
    assert coordinator.locator("[name=female]").input_value() == "4"
    assert_accessible(coordinator, "participation-event-create-refused")
