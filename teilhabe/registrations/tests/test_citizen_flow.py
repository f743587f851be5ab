"""Issue 15's acceptance for events, in headless Chromium on a phone-sized screen: a
citizen registers for a full event, lands on the waiting list, moves up when another
registration is cancelled, and receives the mail (Django's local-memory outbox: the
live server runs in the test's process)."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, ViewportSize

from teilhabe.core.tests.test_browser import assert_accessible, browser
from teilhabe.organisations.models import Organisation
from teilhabe.registrations import services
from teilhabe.registrations.models import Registration, Status
from teilhabe.registrations.tests.world import listed_event

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]

PHONE: ViewportSize = {"width": 390, "height": 844}


def _link(body: str) -> str:
    found = re.search(r"https?://\S+/veranstaltungen/anmeldung/[^/\s]+/", body)
    assert found, body
    return found.group(0)


def test_citizen_waits_and_moves_up(
    browser: Browser, live_server: Any, provider: Organisation
) -> None:
    listing = listed_event(provider, capacity=2, title="Stadtteilkonferenz", interpretation=["ukr"])
    _other, other_token = services.register(
        listing.pk, day=timezone.localdate(), name="Ben Vorher", email="ben@example.org", persons=2
    )
    context = browser.new_context(locale="de-DE", viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    base = live_server.url

    page.goto(base + reverse("registrations:public:organisation", kwargs={"slug": provider.slug}))
    page.get_by_role("link", name="Stadtteilkonferenz").click()
    page.wait_for_load_state()
    assert page.locator(".kern-alert--info").is_visible()  # fully booked: the waiting list
    page.locator("#id_name").fill("Olena Kovalenko")
    page.locator("#id_email").fill("olena@example.org")
    page.locator("#id_persons").fill("1")
    page.locator("#id_interpretation_language").select_option("ukr")
    page.locator("#id_consent").check()
    page.locator("form button[type=submit]").click()
    page.wait_for_load_state()

    assert "/veranstaltungen/anmeldung/" in page.url
    assert page.locator("#registration-status").get_attribute("data-status") == "waiting"
    assert_accessible(page, "registrations-flow-waiting-phone")
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["olena@example.org"]
    own_link = _link(str(confirmation.body))
    assert own_link.endswith(page.url.split(base)[-1])

    # the other registration is cancelled with its own link
    other = context.new_page()
    other.goto(base + reverse("registrations:public:registration", kwargs={"token": other_token}))
    other.locator("form button[type=submit]").click()
    other.wait_for_load_state()
    assert other.locator("#registration-status").get_attribute("data-status") == "cancelled"

    moved = [m for m in mail.outbox if m.to == ["olena@example.org"]][-1]
    assert moved is not confirmation
    assert moved.attachments and moved.attachments[0][0] == "veranstaltung.ics"
    page.goto(own_link)
    assert page.locator("#registration-status").get_attribute("data-status") == "confirmed"
    assert_accessible(page, "registrations-flow-confirmed-phone")
    olena = Registration.objects.get(email="olena@example.org")
    assert (olena.status, olena.interpretation_language) == (Status.CONFIRMED, "ukr")
    context.close()
