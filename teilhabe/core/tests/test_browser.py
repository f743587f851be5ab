"""Headless Chromium against a live server: the login with a second factor, and every
page of the role matrix checked with axe-core (no serious or critical violation).

Screenshots land in test-artifacts/screens/ for a person to look at.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX, PUBLIC, case_world
from teilhabe.demo import musterstadt

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test
# itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screens"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEMO_USER_OF_ROLE = {
    Role.COUNSELLOR: "berater",
    Role.TEAM_LEAD: "teamleitung",
    Role.PROGRAMME_COORDINATOR: "programm",
    Role.VOLUNTEER_COORDINATOR: "ehrenamt",
    Role.INTEGRATION_COORDINATOR: "kim",
    Role.STATISTICS: "statistik",
    Role.ADMINISTRATOR: "admin",
    Role.DATA_PROTECTION_OFFICER: "datenschutz",
}
axe = Axe()
# Namespaces whose every page another test walks with axe-core in a world made for it
# (an import run with problems, a district goal, a certificate ...): walking them here
# again doubled the work of the slowest test of the suite. Activities' public pages are
# left to this walk.
WALKED_BY_THEIR_MODULE = ("planning:", "network:", "opening:", "funding:", "participation:")


def walked_by_their_module(name: str, allowed: object) -> bool:
    if name.startswith(WALKED_BY_THEIR_MODULE):
        return True
    return name.startswith("activities:") and allowed != PUBLIC


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Debian's chromium is missing: make test installs it (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    return context


def assert_accessible(page: Page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
    results = axe.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == [], f"{name}: {serious}"


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(musterstadt.demo_logins()[0].password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def test_counsellor_logs_in_with_a_second_factor(browser: Browser, live_server: Any) -> None:
    musterstadt.load()
    page = new_context(browser).new_page()
    page.goto(live_server.url + reverse("accounts:login"))
    assert_accessible(page, "login")
    log_in(page, live_server.url, "berater")
    # The password alone leads to the set-up of the authenticator app.
    assert page.url.endswith(reverse("accounts:second_factor_setup"))
    assert_accessible(page, "second-factor-setup")
    secret = page.locator(".secret").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Sechsstelliger Code", exact=False).fill(f"{totp(key):06d}")
    page.get_by_role("button", name=re.compile("Bestätigen")).click()
    page.wait_for_load_state()
    assert page.url == live_server.url + "/"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Willkommen")
    assert_accessible(page, "dashboard-counsellor-verified")


def test_every_page_passes_axe(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step is covered above
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

    for role, username in DEMO_USER_OF_ROLE.items():
        page = page_for(role.value)
        page.goto(live_server.url + "/")
        assert_accessible(page, f"dashboard-{username}")

    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if walked_by_their_module(name, allowed):
            continue
        concrete = {
            key: subject.pk
            if value == "<user>"
            else subject.memberships.first().pk
            if value == "<membership>"
            else world.get(value, value)
            for key, value in kwargs.items()
        }
        role = None if allowed == PUBLIC else next(r.value for r in Role if r.value in allowed)
        page = page_for(role)
        url = live_server.url + reverse(name, kwargs=concrete)
        # a download (the whole audit log of the demo city) may take longer than a page
        probe = page.request.get(url, max_redirects=0, timeout=120_000)
        download = "attachment" in probe.headers.get("content-disposition", "")
        if probe.status == 405 or download or "export" in name:
            continue  # POST-only actions and downloads have no page of their own
        content_type = probe.headers.get("content-type", "")
        if probe.status == 200 and not content_type.startswith("text/html"):
            continue  # the health check's JSON, an iCal feed: for programs, not a page
        response = page.goto(url)
        assert response is not None
        assert response.status == 200, f"{name}: {response.status}"
        assert_accessible(page, name.replace(":", "-"))

    anonymous = page_for(None)
    page = page_for(Role.COUNSELLOR.value)
    assert page.goto(live_server.url + "/gibt-es-nicht/").status == 404
    assert_accessible(page, "error-404")
    assert page.goto(live_server.url + reverse("audit:log")).status == 403
    assert_accessible(page, "error-403")
    assert anonymous.goto(live_server.url + reverse("accounts:password_reset")).status == 200
