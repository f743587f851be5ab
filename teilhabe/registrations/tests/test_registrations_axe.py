"""Every page of event registrations in headless Chromium with axe-core, on the demo
city: the public list, event page (full, with the waiting-list form), registration
page and the 429 page without an account; the organiser's list, forms, registrations
and check-in list. The public event page and the check-in list also at 390 pixels
(a phone): nothing wider than the screen."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page

from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.registrations import services
from teilhabe.registrations.models import Listing

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]

WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('main *')]
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
  .map((el) => el.tagName + '.' + el.className).slice(0, 5)"""


def _phone(browser: Browser) -> Page:
    context = browser.new_context(locale="de-DE", viewport={"width": 390, "height": 844})
    context.set_default_timeout(10_000)
    return context.new_page()


def test_the_registration_pages_pass_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    full = Listing.objects.get(event__title__startswith="Infoabend")
    _registration, token = services.register(
        full.pk, day=timezone.localdate(), name="Axe Test", email="axe@example.org", persons=1
    )
    base = live_server.url
    anonymous = new_context(browser).new_page()
    public_pages: list[tuple[str, dict[str, Any]]] = [
        ("registrations:public:organisation", {"slug": "diakonie"}),
        ("registrations:public:event", {"pk": full.pk}),
        ("registrations:public:registration", {"token": token}),
    ]
    for name, kwargs in public_pages:
        response = anonymous.goto(base + reverse(name, kwargs=kwargs))
        assert response is not None and response.status == 200, name
        assert_accessible(anonymous, name.replace(":", "-"))
    feed = anonymous.request.get(base + reverse("registrations:public:feed", args=["diakonie"]))
    assert feed.status == 200 and b"BEGIN:VCALENDAR" in feed.body()

    organiser = new_context(browser).new_page()
    log_in(organiser, base, "programm")
    for name, kwargs in [
        ("registrations:listing_list", {}),
        ("registrations:listing_create", {}),
        ("registrations:listing_detail", {"pk": full.pk}),
        ("registrations:listing_edit", {"pk": full.pk}),
        ("registrations:check_in", {"pk": full.pk}),
    ]:
        url = base + reverse(name, kwargs=kwargs)
        response = organiser.goto(url)
        assert response is not None and response.status == 200, name
        assert organiser.url == url, f"{name}: not signed in"
        assert_accessible(organiser, name.replace(":", "-"))
    organiser.emulate_media(media="print")
    assert organiser.locator(".site-header").is_hidden()  # the printed list is the list
    organiser.emulate_media(media="screen")

    phone = _phone(browser)
    log_in(phone, base, "programm")
    for name in ("registrations:public:event", "registrations:check_in"):
        phone.goto(base + reverse(name, kwargs={"pk": full.pk}))
        assert phone.evaluate(WIDER_THAN_SCREEN) == [], name
        assert_accessible(phone, name.replace(":", "-") + "-phone")

    settings.REGISTRATION_RATE = {"address": (0, 600)}
    response = anonymous.goto(base + reverse("registrations:public:event", kwargs={"pk": full.pk}))
    assert response is not None and response.status == 429
    assert_accessible(anonymous, "registrations-too-many")
