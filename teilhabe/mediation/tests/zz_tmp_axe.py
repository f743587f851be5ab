# Temporary (helper of issue 14): axe over the mediation pages only; delete after use.
from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX, PUBLIC, case_world
from teilhabe.core.tests.test_browser import (  # noqa: F401
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_mediation_pages(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load()
    subject = User.objects.get(username="berater")
    world = case_world(subject)
    pages: dict[str, Page] = {}

    def page_for(role: str | None) -> Page:
        key = role or "anonymous"
        if key not in pages:
            pages[key] = new_context(browser).new_page()
            if role:
                log_in(pages[key], live_server.url, DEMO_USER_OF_ROLE[Role(role)])
        return pages[key]

    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("mediation:"):
            continue
        concrete = {key: world.get(value, value) for key, value in kwargs.items()}
        role = None if allowed == PUBLIC else next(r.value for r in Role if r.value in allowed)
        page = page_for(role)
        url = live_server.url + reverse(name, kwargs=concrete)
        if page.request.get(url, max_redirects=0).status == 405:
            continue
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, f"{name}: {response.status}"
        assert_accessible(page, name.replace(":", "-"))
