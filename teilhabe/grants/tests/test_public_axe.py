"""The public application form in headless Chromium with axe-core, as an anonymous
visitor: the empty form, the form refused for an amount with a dot as decimal point
(errors shown, typed values kept), and the draft page the link opens."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from teilhabe.core.tests.test_browser import assert_accessible, browser, new_context
from teilhabe.funding.models import Fund, FundKind
from teilhabe.planning.models import Concept, FieldOfAction

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]


def test_the_public_application_pages_pass_axe(browser: Browser, live_server: Any) -> None:
    Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    FieldOfAction.objects.create(
        concept=Concept.objects.create(slug="wir", title="WIR"), code="HF1", title="Bildung"
    )
    # Fields by name: the German labels come with the translations the lead adds.
    page = new_context(browser).new_page()
    response = page.goto(live_server.url + reverse("grants:public:start"))
    assert response is not None and response.status == 200
    assert_accessible(page, "grants-public-start")

    page.locator("[name=organisation_name]").fill("Kulturverein Brücke e. V.")
    page.locator("[name=contact_name]").fill("Ayşe Demir")
    page.locator("[name=contact_email]").fill("demir@bruecke.example")
    page.locator("[name=title]").fill("Sprachcafé")
    page.locator("[name=cost_label_1]").fill("Honorare")
    page.locator("[name=cost_amount_1]").fill("1000.50")
    page.locator("button[type=submit]").click()
    assert page.locator("[name=cost_amount_1]").input_value() == "1000.50"
    assert page.locator("[name=title]").input_value() == "Sprachcafé"
    assert_accessible(page, "grants-public-start-refused")

    page.locator("[name=cost_amount_1]").fill("1.000,50")
    page.locator("button[type=submit]").click()
    assert "/zuschuesse/antrag/" in page.url and page.url != live_server.url + reverse(
        "grants:public:start"
    )
    assert_accessible(page, "grants-public-draft")
