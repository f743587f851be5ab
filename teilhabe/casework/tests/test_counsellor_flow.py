"""The counsellor's day as a new user would click it, in headless Chromium: find a
client by a misspelled name, open a case, record a session with two topics and a
family member present, add a goal, change its status, hand the client over to KIM
case management with consent; the case manager accepts. Every page passes axe-core."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from teilhabe.casework.models import Case, Goal, Household, Person, Referral, Session
from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Organisation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def test_counsellor_flow(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load()
    diakonie = Organisation.objects.get(slug="diakonie")
    household = Household.objects.create(organisation=diakonie, external_id="H-7")
    olena = Person.objects.create(organisation=diakonie, first_name="Olena", last_name="Kovalenko",
                                  birth_year=1984, household=household, country_of_origin="UA")  # fmt: skip
    Person.objects.create(
        organisation=diakonie,
        first_name="Taras",
        last_name="Kovalenko",
        birth_year=2012,
        household=household,
    )
    from teilhabe.accounts.models import User
    from teilhabe.casework import services
    from teilhabe.organisations.models import Service

    berater = User.objects.get(username="berater")
    services.open_case(client=olena, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
                       opened_on=__import__("datetime").date(2025, 1, 10), access_route="familie", responsible=berater)  # fmt: skip

    page = new_context(browser).new_page()
    base = live_server.url
    log_in(page, base, "berater")

    # Find the client by a misspelled name.
    page.goto(base + reverse("casework:client_list"))
    page.fill("#id_q", "Kowalneko")
    page.locator("form[role=search] button[type=submit]").click()
    assert_accessible(page, "flow-1-search")
    page.get_by_role("link", name="Olena Kovalenko").click()
    assert_accessible(page, "flow-2-client")

    # Open a new case in intercultural counselling.
    page.locator("a[href$='/neuer-fall/']").click()
    page.select_option("#id_service", label="IKB – Interkulturelle Beratung")
    page.select_option("#id_kind", "case_management")
    page.select_option("#id_access_route", "mbe")
    page.locator("main form button[type=submit]").first.click()
    case = Case.objects.get(client=olena, service__code="IKB")
    assert page.url.endswith(
        reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=verlauf"
    )

    # Quick entry of a session: two topics, the son present, keyboard only for the form.
    page.fill("#id_duration_minutes", "45")
    page.select_option("#id_form", "persoenlich")
    page.check("input[name=topics][value=wohnen]")
    page.check("input[name=topics][value=arbeit]")
    page.get_by_role("group", name="Ebenfalls anwesend").get_by_label("Taras Kovalenko").check()
    page.select_option("#id_language", "ukr")
    page.locator("#id_duration_minutes").press("Enter")  # Enter in a field submits the form
    page.wait_for_load_state()
    session = Session.objects.get(case=case)
    assert sorted(session.topics) == ["arbeit", "wohnen"]
    assert [str(p) for p in session.present.all()] == ["Taras Kovalenko"]
    assert_accessible(page, "flow-3-case")

    # A goal, then a change of its status, on the support-plan tab.
    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    tabs.get_by_role("link", name="Förderplan", exact=True).click()
    page.select_option("#id_area", "beruflich")
    page.fill("#id_text", "Anerkennung des Berufsabschlusses beantragen")
    page.locator("form[action$='/ziele/'] button[type=submit]").click()
    goal = Goal.objects.get(case=case)
    page.select_option(f"#status-{goal.pk}", "teilweise_erreicht")
    page.locator(".goal-status-form button[type=submit]").click()
    goal.refresh_from_db()
    assert goal.status == "teilweise_erreicht"
    assert list(goal.history.values_list("status", flat=True)) == [
        "in_bearbeitung",
        "teilweise_erreicht",
    ]
    tabs.get_by_role("link", name="Verlauf", exact=True).click()
    expect(page.locator(".timeline")).to_contain_text("teilweise erreicht")
    tabs.get_by_role("link", name="Übersicht", exact=True).click()

    # Hand over to the city's KIM case management, with consent.
    page.locator("a[href$='/uebergabe/']").click()
    stadt = Organisation.objects.get(slug="stadt")
    kim = Service.objects.get(code="KIM")
    page.select_option("#id_recipient", f"{stadt.pk}:{kim.pk}")
    page.select_option("#id_kind", "clearing")
    page.fill("#id_purpose", "Clearing: Wohnen, Arbeit und Gesundheit")
    page.select_option("#id_explained_language", "ukr")
    page.check("#id_refusal_explained")
    page.check("#id_withdrawal_explained")
    assert_accessible(page, "flow-4-handover")
    page.locator("main form button[type=submit]").first.click()
    referral = Referral.objects.get(source_case=case)
    assert referral.status == "proposed" and referral.consent.explained_language == "ukr"

    # The city's case manager accepts and gets a case management case.
    manager_page = new_context(browser).new_page()
    log_in(manager_page, base, "casemanagement")
    manager_page.goto(base + reverse("casework:handover_inbox"))
    assert_accessible(manager_page, "flow-5-inbox")
    # the demo city's own clearings may wait there too: this one is Olena's
    manager_page.locator(f"section[aria-labelledby=referral-{referral.pk}]").locator(
        "button[value=accept]"
    ).click()
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert (
        referral.target_case.organisation == stadt
        and referral.target_case.kind == "case_management"
    )
    assert_accessible(manager_page, "flow-6-received-case")
