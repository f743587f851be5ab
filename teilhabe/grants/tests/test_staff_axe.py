"""The staff and board pages of grants in headless Chromium with axe-core, as the
integration coordinator: the list and one application, the board's set-up, the
item page with an excluded member and the live quorum, a grant with its notice and
payments, the notice's template, and the grantee's page with the payment request."""

from __future__ import annotations

import os
from decimal import Decimal
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
from teilhabe.grants.tests.world import attend, role_matrix_world
from teilhabe.organisations.models import Organisation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]


def test_the_staff_pages_pass_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    from teilhabe.grants.application_models import Application
    from teilhabe.grants.models import BoardItem

    settings.REQUIRE_SECOND_FACTOR = False
    # The demo city brings the catalogues (services, kinds of actor) a flushed database
    # lacks, and the coordinator "kim" (as planning/tests/test_plan_axe.py does).
    musterstadt.load(scale=0)
    world = role_matrix_world(Organisation.objects.get(slug="stadt"))
    application = Application.objects.get(pk=world["<application>"])
    application.own_contribution, application.requested = Decimal("0"), Decimal("500")
    application.save()
    item = BoardItem.objects.get(agenda_item_id=world["<board_item>"]).agenda_item
    members = list(item.meeting.body.memberships.order_by("pk"))
    attend(item.meeting, *members[:3])
    page = new_context(browser).new_page()
    log_in(page, live_server.url, DEMO_USER_OF_ROLE[Role.INTEGRATION_COORDINATOR])
    for name, kwargs in [
        ("grants:application_list", {}),
        ("grants:application_detail", {"pk": application.pk}),
        ("grants:board_setup", {"pk": world["<board>"]}),
        ("grants:board_item", {"pk": world["<board_item>"]}),
        ("grants:grant_detail", {"pk": world["<grant>"]}),
        ("grants:notice_template", {}),
        ("grants:public:draft", {"token": world["<grant_token>"]}),
    ]:
        url = live_server.url + reverse(name, kwargs=kwargs)
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        assert page.url == url, f"{name}: not signed in"
        assert_accessible(page, name.replace(":", "-"))
