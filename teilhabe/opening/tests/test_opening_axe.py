"""Every opening page of the role matrix in headless Chromium with axe-core (as the
coordinator; the public register as an anonymous visitor), the pages the demo's Kita
contact "kita" sees, and a refused form."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.models import User
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
from teilhabe.opening.models import Process
from teilhabe.opening.tests.world import opening_world

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]
DOWNLOADS = {"opening:evidence_download", "opening:certificate_pdf"}


def test_every_opening_page_passes_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    coordinator_user = User.objects.get(username=DEMO_USER_OF_ROLE[Role.INTEGRATION_COORDINATOR])
    world = opening_world(coordinator_user)
    pages: dict[str, Page] = {}
    checked = []
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("opening:") or name in DOWNLOADS:
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
    assert len(checked) == len([n for n in MATRIX if n.startswith("opening:")]) - len(DOWNLOADS)

    coordinator = pages[Role.INTEGRATION_COORDINATOR.value]
    coordinator.goto(live_server.url + "/")
    assert "Grundschule Westhagen" in coordinator.locator("main").inner_text()  # runs out soon
    assert_accessible(coordinator, "opening-dashboard-coordinator")
    # the demo's certified school: the process page with every section filled
    school = Process.objects.get(actor__name="Grundschule Westhagen")
    coordinator.goto(live_server.url + reverse("opening:process_detail", kwargs={"pk": school.pk}))
    assert_accessible(coordinator, "opening-process-certified")
    # a refused form keeps its error summary accessible
    issue = reverse("opening:certificate_issue", kwargs={"pk": world["<opening_process>"]})
    coordinator.goto(live_server.url + issue)
    coordinator.locator("main button[type=submit]").click()
    assert coordinator.locator(".error-summary").count() == 1
    assert_accessible(coordinator, "opening-certificate-refused")

    contact = new_context(browser).new_page()
    log_in(contact, live_server.url, "kita")
    assert "Kita Sonnenblume" in contact.locator("main").inner_text()
    assert_accessible(contact, "opening-dashboard-contact")
    kita = Process.objects.get(actor__name="Kita Sonnenblume")
    for name in ("opening:process_detail", "opening:self_check_create", "opening:evidence_upload"):
        contact.goto(live_server.url + reverse(name, kwargs={"pk": kita.pk}))
        assert_accessible(contact, "contact-" + name.replace(":", "-"))
    latest = kita.self_checks.order_by("-date")[0]
    contact.goto(live_server.url + reverse("opening:self_check_detail", kwargs={"pk": latest.pk}))
    assert_accessible(contact, "contact-opening-self-check-result")
