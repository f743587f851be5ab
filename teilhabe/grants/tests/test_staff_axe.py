"""The staff and board pages of grants in headless Chromium with axe-core, as the
integration coordinator: the list and one application, the board's set-up, and the
item page with an excluded member and the live quorum."""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from teilhabe.conftest import PASSWORD
from teilhabe.core.tests.test_browser import assert_accessible, browser, new_context
from teilhabe.grants.tests.world import attend, role_matrix_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_the_staff_pages_pass_axe(
    browser: Browser, live_server: Any, settings: Any, users_by_role: Any, city: Any
) -> None:
    from teilhabe.grants.application_models import Application
    from teilhabe.grants.models import BoardItem

    settings.REQUIRE_SECOND_FACTOR = False
    world = role_matrix_world(city)
    application = Application.objects.get(pk=world["<application>"])
    application.own_contribution, application.requested = Decimal("0"), Decimal("500")
    application.save()
    item = BoardItem.objects.get(agenda_item_id=world["<board_item>"]).agenda_item
    members = list(item.meeting.body.memberships.order_by("pk"))
    attend(item.meeting, *members[:3])
    user = users_by_role["integration_coordinator"]
    page = new_context(browser).new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    page.locator("[name=username]").fill(user.username)
    page.locator("[name=password]").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    for name, kwargs in [
        ("grants:application_list", {}),
        ("grants:application_detail", {"pk": application.pk}),
        ("grants:board_setup", {"pk": world["<board>"]}),
        ("grants:board_item", {"pk": world["<board_item>"]}),
    ]:
        response = page.goto(live_server.url + reverse(name, kwargs=kwargs))
        assert response is not None and response.status == 200, name
        assert_accessible(page, name.replace(":", "-"))
