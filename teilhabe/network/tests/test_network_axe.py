"""Every network page of the role matrix in headless Chromium with axe-core, in the
demo city, as the first role the matrix lets in (the same rule as
core/tests/test_browser.py, limited to the network so that it can run on its own)."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.network.tests.world import network_world
from teilhabe.organisations.models import Organisation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_every_network_page_passes_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    world = network_world(
        Organisation.objects.get(slug="diakonie"), Organisation.objects.get(slug="stadt")
    )
    pages: dict[str, Page] = {}
    checked = []
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("network:"):
            continue
        role = next(r.value for r in Role if r.value in allowed)
        if role not in pages:
            pages[role] = new_context(browser).new_page()
            log_in(pages[role], live_server.url, DEMO_USER_OF_ROLE[Role(role)])
        page = pages[role]
        url = live_server.url + reverse(
            name, kwargs={k: world.get(v, v) for k, v in kwargs.items()}
        )
        if page.request.get(url, max_redirects=0).status == 405:
            continue  # POST-only actions have no page of their own
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{name}: {response}"
        assert_accessible(page, name.replace(":", "-"))
        checked.append(name)
    assert len(checked) == 22  # 25 URLs, three of them POST-only
