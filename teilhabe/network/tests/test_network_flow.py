"""The network in headless Chromium, as the city's integration coordinator and a
provider's team lead would click it in the demo city: find partners in the directory,
hold a meeting of the round table with agenda, attendance, minutes and a decision,
record a cooperation agreement; the team lead sees their bodies only. Every page
passes axe-core; screenshots land in test-artifacts/screens/."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, expect

from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.network.models import Agreement, Attendance, Body, Decision, Meeting

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_coordinator_and_team_lead_work_in_the_network(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load(scale=0)
    base = live_server.url
    page = new_context(browser).new_page()
    log_in(page, base, "kim")

    # The directory: schools serving Westhagen.
    page.goto(base + reverse("network:actor_list"))
    assert_accessible(page, "network-1-directory")
    page.select_option("#id_art", label="Schule")
    page.select_option("#id_stadtteil", label="Westhagen")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_load_state()
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Grundschule Westhagen")
    assert_accessible(page, "network-2-directory-filtered")
    page.get_by_role("link", name="Schulzentrum Westhagen Mitte").click()
    expect(page.locator("main")).to_contain_text("Jan Petersen")
    assert_accessible(page, "network-3-actor")

    # The round table: a new meeting with agenda, attendance, minutes and a decision.
    page.goto(base + reverse("network:body_list"))
    assert_accessible(page, "network-4-bodies")
    page.get_by_role("link", name="Runder Tisch Integration").click()
    assert_accessible(page, "network-5-body")
    body = Body.objects.get(name="Runder Tisch Integration")
    page.locator("a[href$='/sitzungen/neu/']").click()
    today = timezone.localdate()
    page.fill("#id_held_on", today.isoformat())
    page.fill("#id_starts_at", "16:00")
    page.fill("#id_place", "Stadtteilzentrum Westhagen")
    page.fill("#id_agenda", "Begrüßung\nWohnraum für Geflüchtete\nVerschiedenes")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    meeting = Meeting.objects.get(body=body, held_on=today, place="Stadtteilzentrum Westhagen")
    assert [item.title for item in meeting.agenda_items.all()] == [
        "Begrüßung",
        "Wohnraum für Geflüchtete",
        "Verschiedenes",
    ]
    assert_accessible(page, "network-6-meeting-new")

    page.locator("a[href$='/anwesenheit/']").click()
    radios = page.locator("input[type=radio][value=anwesend]")
    members = radios.count()
    assert members >= 9
    for index in range(members):
        radios.nth(index).check()
    page.locator("input[type=radio][value=entschuldigt]").first.check()
    assert_accessible(page, "network-7-attendance")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    statuses = list(Attendance.objects.filter(meeting=meeting).values_list("status", flat=True))
    assert len(statuses) == members
    assert statuses.count("entschuldigt") == 1

    page.locator("a[href$='/protokoll/']").click()
    page.fill(
        "#id_minutes", "TOP 2: Die Wohnungsbaugesellschaft wird zur nächsten Sitzung eingeladen."
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    decision_form = page.locator("form[action$='/beschluesse/']")
    decision_form.locator("#id_text").fill("Wohnungsbaugesellschaft zur nächsten Sitzung einladen.")
    decision_form.locator("#id_agenda_item").select_option(label="2. Wohnraum für Geflüchtete")
    decision_form.locator("#id_responsible_actor").select_option(
        label="Stadt Musterstadt – Kommunales Integrationszentrum"
    )
    decision_form.locator("#id_responsible_person").fill("Kerem Yilmaz")
    decision_form.locator("#id_due_on").fill(
        today.replace(day=28).isoformat() if today.day <= 28 else today.isoformat()
    )
    decision_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    decision = Decision.objects.get(meeting=meeting)
    assert decision.agenda_item.position == 2 and decision.status == "offen"
    expect(page.locator("main")).to_contain_text("Wohnungsbaugesellschaft wird zur")
    assert_accessible(page, "network-8-meeting-minuted")

    page.goto(base + reverse("network:decision_list"))
    expect(page.locator("main table")).to_contain_text("Wohnungsbaugesellschaft zur nächsten")
    assert_accessible(page, "network-9-decisions")

    # A cooperation agreement between the city and the job centre.
    page.goto(base + reverse("network:agreement_create"))
    page.fill("#id_subject", "Gemeinsame Sprechstunde im Stadtteilzentrum")
    page.get_by_label("Jobcenter Musterstadt").check()
    page.get_by_label("Stadt Musterstadt – Kommunales Integrationszentrum").check()
    page.fill("#id_signed_on", today.isoformat())
    assert_accessible(page, "network-10-agreement-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    agreement = Agreement.objects.get(subject="Gemeinsame Sprechstunde im Stadtteilzentrum")
    assert {party.name for party in agreement.parties.all()} == {
        "Jobcenter Musterstadt",
        "Stadt Musterstadt – Kommunales Integrationszentrum",
    }
    assert_accessible(page, "network-11-agreement")

    # The Diakonie's team lead: the bodies with a Diakonie seat, recording only in its own.
    lead = new_context(browser).new_page()
    log_in(lead, base, "teamleitung")
    lead.goto(base + reverse("network:body_list"))
    body_rows = lead.locator("main table tbody tr")
    expect(body_rows).to_have_count(3)
    expect(lead.locator("main table")).not_to_contain_text("Integrationsrat")
    assert_accessible(lead, "network-12-bodies-team-lead")
    lead.goto(base + reverse("network:meeting_detail", args=[meeting.pk]))
    expect(lead.locator("form[action$='/beschluesse/']")).to_have_count(0)
    assert_accessible(lead, "network-13-meeting-team-lead")
    ag = Body.objects.get(name="AG Sprache")
    lead.goto(base + reverse("network:body_detail", args=[ag.pk]))
    expect(lead.locator("a[href$='/sitzungen/neu/']")).to_have_count(1)
    assert_accessible(lead, "network-14-own-body-team-lead")
    lead.goto(base + "/")
    assert_accessible(lead, "network-15-dashboard-team-lead")
