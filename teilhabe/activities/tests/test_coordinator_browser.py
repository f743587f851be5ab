"""A programme coordinator records a group date with attendance counts, as a new user
would click it in headless Chromium: from the navigation to the group, an impossible
count refused with a German message, the corrected count stored; the date in the
calendar; a subscription address read without a session. Every page passes axe-core;
screenshots land in test-artifacts/screens/activities-*.png."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import Browser, expect

from teilhabe.activities.models import Group, GroupMeeting
from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_coordinator_records_a_group_date(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load(scale=0)
    seniors = Group.objects.get(name="Seniorentreff")
    today = timezone.localdate()
    base = live_server.url
    context = new_context(browser)
    page = context.new_page()
    log_in(page, base, "programm")

    # The groups from the main navigation, then the senior meeting.
    page.locator(f"nav a[href='{reverse('activities:group_list')}']").click()
    assert_accessible(page, "activities-1-groups")
    page.get_by_role("link", name="Seniorentreff", exact=True).click()
    assert_accessible(page, "activities-2-group")

    # Record today's date: the counts by gender do not add up, the page says so in German.
    page.locator(
        f"a[href$='{reverse('activities:meeting_create', kwargs={'pk': seniors.pk})}']"
    ).first.click()
    expect(page.locator("#id_date")).to_have_value(today.isoformat())
    page.fill("#id_topic", "Gedächtnistraining")
    page.fill("#id_total", "24")
    page.fill("#id_female", "17")
    page.fill("#id_male", "6")
    page.fill("#id_age_27_64", "2")
    page.fill("#id_age_65_plus", "22")
    page.locator("main form button[type=submit]").click()
    alert = page.locator(".kern-alert--danger")
    expect(alert).to_contain_text("Die Zahlen nach Geschlecht ergeben zusammen 23")
    assert_accessible(page, "activities-3-refused")
    assert not GroupMeeting.objects.filter(group=seniors, date=today).exists()

    # Corrected: one more man.
    page.fill("#id_male", "7")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(base + reverse("activities:group_detail", kwargs={"pk": seniors.pk}))
    meeting = GroupMeeting.objects.get(group=seniors, date=today)
    assert (meeting.total, meeting.female, meeting.male) == (24, 17, 7)
    assert (meeting.age_27_64, meeting.age_65_plus, meeting.topic) == (2, 22, "Gedächtnistraining")
    expect(page.locator("main table").first).to_contain_text("Gedächtnistraining")
    assert_accessible(page, "activities-4-recorded")

    # The date in the calendar, month and list.
    page.locator(f"nav a[href='{reverse('activities:calendar')}']").click()
    # Recorded for today, so in today's cell whatever the weekday.
    expect(page.locator("[aria-current=date]")).to_contain_text("Seniorentreff")
    assert_accessible(page, "activities-5-calendar")
    page.locator("a[href$='ansicht=liste']").click()
    assert_accessible(page, "activities-6-calendar-list")

    # A subscription address: readable without a session, gone once revoked.
    page.fill("#id_label", "Diensthandy")
    page.locator("form[action$='/abos/'] button[type=submit]").click()
    address = page.locator("#new-subscription-url").input_value()
    assert_accessible(page, "activities-7-subscription")
    anonymous = browser.new_context().request
    feed = anonymous.get(address)
    assert feed.status == 200
    summaries = {str(e["summary"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT")}
    assert "Seniorentreff" in summaries
    page.locator("form[action$='/widerrufen/'] button[type=submit]").click()
    assert anonymous.get(address).status == 404
