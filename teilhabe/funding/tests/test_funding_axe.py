"""Every funding page of the role matrix in headless Chromium with axe-core, in the demo
city with its funding (demo/funding_data.py), as the first role the matrix lets in;
and the start pages of the coordinator and the team lead with their warnings."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
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
from teilhabe.demo.funding_data import load_funding
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundingProgramme, ProgrammeDependency, StaffPost

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_every_funding_page_passes_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    if not FundingProgramme.objects.filter(code="SOE").exists():
        load_funding()  # until musterstadt.load calls it
    soe = FundingProgramme.objects.get(code="SOE")
    ids = {
        "<funding_programme>": soe.pk,
        "<staff_post>": StaffPost.objects.filter(programme=soe).first().pk,
        "<funding_dependant>": ProgrammeDependency.objects.filter(programme=soe).first().pk,
        "<fund>": Fund.objects.get(name="WIR-Fonds Kleinprojekte").pk,
    }
    pages: dict[str, Page] = {}

    def page_for(role: str) -> Page:
        if role not in pages:
            pages[role] = new_context(browser).new_page()
            log_in(pages[role], live_server.url, DEMO_USER_OF_ROLE[Role(role)])
        return pages[role]

    for role in (Role.INTEGRATION_COORDINATOR, Role.TEAM_LEAD):
        page = page_for(role.value)
        page.goto(live_server.url + "/")
        assert "Landesprogramm WIR" in page.content()  # the warning on the start page
        assert_accessible(page, f"funding-dashboard-{role.value}")

    checked = []
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("funding:"):
            continue
        page = page_for(next(r.value for r in Role if r.value in allowed))
        url = live_server.url + reverse(name, kwargs={k: ids[v] for k, v in kwargs.items()})
        if page.request.get(url, max_redirects=0).status == 405:
            continue  # POST-only actions have no page of their own
        response = page.goto(url + ("?stichtag=01.07.2024" if name == "funding:cliff" else ""))
        assert response is not None and response.status == 200, f"{name}: {response}"
        assert_accessible(page, name.replace(":", "-"))
        checked.append(name)
    assert len(checked) == 13

    # A refused form: the error summary and the field's message pass as well.
    page = page_for(Role.INTEGRATION_COORDINATOR.value)
    page.goto(live_server.url + reverse("funding:budget_set", kwargs={"pk": ids["<fund>"]}))
    page.get_by_label("Budget (EUR)").fill("1")
    page.locator("form button.kern-btn--primary").click()
    # what is committed this year (the demo's own funding and the grants it decided)
    committed = fund_figures(
        Fund.objects.get(pk=ids["<fund>"]), timezone.localdate().year
    ).committed
    assert number_format(committed, 2, force_grouping=True) in page.content()
    assert_accessible(page, "funding-budget-refused")
