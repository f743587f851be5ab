"""The programme coordinator's work as a new user would click it, in headless Chromium:
find a family the Diakonie already knows and enrol it in HIPPY, record three home
visits, and end another family's participation early — first without a reason (refused
with a message), then with one. Every page passes axe-core; screenshots land in
test-artifacts/screens/programmes-*.png."""

from __future__ import annotations

import datetime
import os
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from teilhabe.casework.models import Household, Person
from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Organisation
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_coordinator_enrols_visits_and_ends(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load(scale=0)
    diakonie = Organisation.objects.get(slug="diakonie")
    household = Household.objects.create(organisation=diakonie, external_id="H-7")
    olena = Person.objects.create(organisation=diakonie, first_name="Olena", last_name="Kovalenko",
                                  country_of_origin="UA", languages=["uk"], household=household)  # fmt: skip
    hippy = Programme.objects.get(organisation=diakonie, service__code="HIPPY")
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)

    page = new_context(browser).new_page()
    base = live_server.url
    log_in(page, base, "programm")

    # The programme from the main navigation.
    page.locator(f"nav a[href='{reverse('programmes:programme_list')}']").click()
    assert_accessible(page, "programmes-1-list")
    page.get_by_role("link", name="HIPPY", exact=True).click()
    assert_accessible(page, "programmes-2-programme")

    # Enrol a family the organisation knows: search by name, pick, start a month ago.
    page.locator("a[href$='/aufnehmen/']").click()
    page.fill("#id_q", "kovalenko")
    page.locator("form[role=search] button[type=submit]").click()
    page.check(f"input[name=person][value='{olena.pk}']")
    page.fill("#id_start_date", start.isoformat())
    page.select_option("#id_home_visitor", label="Pia Paulsen")
    assert_accessible(page, "programmes-3-enrol")
    page.locator("main form[method=post] button[type=submit]").click()
    enrolment = Enrolment.objects.get(programme=hippy, household=household)
    assert page.url.endswith(reverse("programmes:enrolment_detail", kwargs={"pk": enrolment.pk}))
    assert enrolment.contact_person == olena and enrolment.home_visitor is not None

    # Three home visits through the quick form; the date is today unless changed.
    assert page.input_value("#id_date") == today.isoformat()
    for weeks_ago, unit in ((3, "1"), (2, "2"), (1, "3")):
        page.fill("#id_date", (today - datetime.timedelta(weeks=weeks_ago)).isoformat())
        page.fill("#id_duration_minutes", "45")
        page.fill("#id_material_unit", unit)
        page.locator("#id_material_unit").press("Enter")  # Enter in a field submits the form
        page.wait_for_load_state()
    units = enrolment.visits.order_by("date").values_list("material_unit", flat=True)
    assert list(units) == [1, 2, 3]
    expect(page.locator("table").last.locator("tbody tr")).to_have_count(3)
    assert_accessible(page, "programmes-4-enrolment")

    # End another family's participation early: without a reason it is refused.
    ending = Enrolment.objects.get(programme=hippy, contact_person__last_name="Bondarenko")
    page.goto(base + reverse("programmes:programme_detail", kwargs={"pk": hippy.pk}))
    page.get_by_role("link", name="Iryna Bondarenko").click()
    page.locator("a[href$='/beenden/']").click()
    page.check(f"input[name=end_kind][value={EndKind.EARLY}]")
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator("#id_end_reason")).to_have_class(re.compile("--error"))
    expect(page.locator(".kern-error")).to_have_count(1)
    assert_accessible(page, "programmes-5-end-refused")
    ending.refresh_from_db()
    assert ending.end_date is None
    page.select_option("#id_end_reason", EarlyEndReason.NEW_BABY.value)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    ended_now = Enrolment.objects.get(pk=ending.pk)
    assert (ended_now.end_date, ended_now.end_kind, ended_now.end_reason) == (
        today,
        EndKind.EARLY,
        EarlyEndReason.NEW_BABY,
    )
    assert_accessible(page, "programmes-6-ended")

    # The programme lists the family among the ended participations, with its reason;
    # the figures count the early end.
    page.goto(base + reverse("programmes:programme_detail", kwargs={"pk": hippy.pk}))
    ended = page.locator("section[aria-labelledby=ended-heading] tbody")
    expect(ended.get_by_role("link", name="Iryna Bondarenko")).to_be_visible()
    assert_accessible(page, "programmes-7-programme-after")
    page.goto(base + reverse("programmes:figures", kwargs={"pk": hippy.pk}) + f"?jahr={today.year}")
    assert_accessible(page, "programmes-8-figures")
