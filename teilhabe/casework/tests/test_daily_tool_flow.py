"""Issue 10's acceptance walk in headless Chromium, as the users would click it: a
counsellor opens a due review from the start page, records a session with a note, sees
the note in the timeline and corrects it, adds a child to the household, books an
appointment with a Dari mediator, uploads a signed consent and produces an appointment
letter; the receiving case manager sees the incoming hand-over on the start page; on a
390-pixel-wide screen the navigation folds behind "Menü" and no table is cut off; the
JMD counsellor and the volunteer coordinator open the groups their calendar shows them.
One demo load for all of it (musterstadt.load() is the expensive part); every page
passes axe-core and leaves a screenshot in test-artifacts/screens/."""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, FilePayload, Page, ViewportSize, expect

from teilhabe.accounts.models import User
from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework import handover, services
from teilhabe.casework.models import Case, HouseholdRelation, Person, Referral, Session
from teilhabe.casework.worklist_selectors import incoming_handovers
from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.documents.models import Document, DocumentKind
from teilhabe.documents.tests.world import small_pdf
from teilhabe.organisations.models import Organisation, Service

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]

REVIEW = "Förderplan mit Frau Kovalenko besprechen"
NOTE = "Mietvertrag gelesen, Nebenkosten erklärt"
CORRECTED_NOTE = "Mietvertrag gelesen, Nebenkosten und Kaution erklärt"
PHONE: ViewportSize = {"width": 390, "height": 844}

# Every visible element whose right edge lies beyond the viewport, skipping what is
# clipped on purpose (screen-reader-only text, the visually hidden head of a stacked
# table) and what scrolls inside its own box.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = (element) => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return true;
      if (style.clip !== "auto" || style.clipPath !== "none") return true;
      if (node !== element && style.overflowX !== "visible") {
        const box = node.getBoundingClientRect();
        if (box.right <= width + 1) return true;  // it scrolls or clips inside the page
      }
    }
    return false;
  };
  const beyond = [];
  for (const element of document.body.querySelectorAll("*")) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (clipped(element)) continue;
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (element.className && typeof element.className === "string"
         ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    beyond.push(name + " right=" + Math.round(box.right));
  }
  // The label a stacked table's cell shows before its value (::before) must fit its
  // column, or it runs into the value; a probe with the label's style measures it.
  const overlapping = [];
  for (const cell of document.querySelectorAll(".table-stack [data-label]")) {
    const track = parseFloat(getComputedStyle(cell).gridTemplateColumns.split(" ")[0]);
    const label = getComputedStyle(cell, "::before");
    if (!track || label.content === "none") continue;
    const probe = document.createElement("span");
    for (const property of ["font", "letterSpacing", "hyphens", "overflowWrap", "wordBreak"]) {
      probe.style[property] = label[property];
    }
    probe.style.display = "block";
    probe.style.width = track + "px";
    probe.textContent = cell.dataset.label;
    cell.after(probe);
    if (probe.scrollWidth > track + 1) overlapping.push(cell.dataset.label);
    probe.remove();
  }
  return {
    overlapping: [...new Set(overlapping)],
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    beyond: beyond.slice(0, 8),
    scrollers: [...document.querySelectorAll("table")]
      .filter((table) => table.getBoundingClientRect().right > width + 1
        || table.scrollWidth > table.clientWidth + 1
        || (table.parentElement && table.parentElement.scrollWidth
            > table.parentElement.clientWidth + 1))
      .map((table) => (table.querySelector("caption") || table).textContent.trim().slice(0, 60)),
  };
}"""


def _world() -> dict[str, Any]:
    """A client of the counsellor with an open MBE case, a reminder due today on it and
    a hand-over of that case waiting at the city's KIM case management."""
    today = timezone.localdate()
    diakonie = Organisation.objects.get(slug="diakonie")
    berater = User.objects.get(username="berater")
    olena = Person.objects.create(
        organisation=diakonie,
        first_name="Olena",
        last_name="Kovalenko",
        birth_year=1984,
        country_of_origin="UA",
    )
    case = services.open_case(
        client=olena,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=today - datetime.timedelta(days=120),
        access_route="familie",
        responsible=berater,
    )
    Reminder.objects.create(case=case, due_on=today, text=REVIEW, author=berater)
    consent = handover.record_consent(
        olena,
        user=berater,
        recipient_id=Organisation.objects.get(slug="stadt").pk,
        recipient_service_id=Service.objects.get(code="KIM").pk,
        purpose="Clearing: Wohnen und Arbeit",
        given_on=today,
        explained_language="ukr",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    referral = handover.propose(case, consent=consent, kind="clearing", note="", user=berater)
    return {"today": today, "olena": olena, "case": case, "referral": referral}


def _counsellor_day(page: Page, base: str, world: dict[str, Any]) -> None:
    case: Case = world["case"]
    olena: Person = world["olena"]
    today: datetime.date = world["today"]

    # The start page is the work list; the review due today opens the case.
    page.goto(base + "/")
    assert_accessible(page, "daily-01-worklist")
    page.get_by_role("link", name=re.compile(re.escape(REVIEW[:40]))).click()
    page.wait_for_load_state()
    assert page.url.endswith(
        reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine"
    )
    assert_accessible(page, "daily-02-review")
    page.locator("form[action*='/wiedervorlagen/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    assert Reminder.objects.get(case=case).done_at is not None

    # A session with a note; the note is in the timeline.
    tabs = page.get_by_role("navigation", name="Bereiche des Falls")
    tabs.get_by_role("link", name="Verlauf", exact=True).click()
    page.fill("#id_duration_minutes", "45")
    page.select_option("#id_form", "persoenlich")
    page.check("input[name=topics][value=wohnen]")
    page.fill("#id_notes", NOTE)
    page.locator("form[action$='/kontakt/'] button[type=submit]").click()
    page.wait_for_load_state()
    session = Session.objects.get(case=case)
    assert session.notes == NOTE
    expect(page.locator(".timeline")).to_contain_text(NOTE)
    assert_accessible(page, "daily-03-session-note")

    # The author corrects the note; the timeline shows the new text, marked corrected.
    page.locator(".timeline a[href$='/korrigieren/']").first.click()
    page.wait_for_load_state()
    assert_accessible(page, "daily-04-correction")
    page.fill("#id_notes", CORRECTED_NOTE)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    session.refresh_from_db()
    assert session.notes == CORRECTED_NOTE
    page.goto(base + reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=verlauf")
    expect(page.locator(".timeline")).to_contain_text(CORRECTED_NOTE)
    expect(page.locator(".timeline")).not_to_contain_text(NOTE + "\n")
    expect(page.locator(".timeline")).to_contain_text("korrigiert")

    # A child joins the household, from the client page.
    page.goto(base + reverse("casework:client_detail", kwargs={"pk": olena.pk}))
    assert_accessible(page, "daily-05-client")
    page.locator("a[href$='/haushalt/mitglied/']").first.click()
    page.wait_for_load_state()
    assert_accessible(page, "daily-06-household-add")
    new_member = page.locator("form:has(input[name=aktion][value=neu])")
    new_member.get_by_label("Vorname").fill("Taras")
    new_member.get_by_label("Nachname").fill("Kovalenko")
    new_member.get_by_label("Geburtsdatum").fill("2015-05-04")
    new_member.get_by_label("Beziehung im Haushalt").select_option(HouseholdRelation.CHILD.value)
    new_member.locator("button[type=submit]").click()
    page.wait_for_load_state()
    olena.refresh_from_db()
    assert olena.household_id  # created with Olena as reference person
    taras = Person.objects.get(household_id=olena.household_id, first_name="Taras")
    assert taras.household_relation == HouseholdRelation.CHILD
    page.goto(base + reverse("casework:client_detail", kwargs={"pk": olena.pk}))
    expect(page.locator("section[aria-labelledby=household-heading]")).to_contain_text("Taras")
    assert_accessible(page, "daily-07-household")

    # An appointment with a Dari mediator, picked by typing in the language list.
    page.goto(base + reverse("casework:case_detail", kwargs={"pk": case.pk}) + "?teil=termine")
    page.locator("summary", has_text="Termin").first.click()
    day = today + datetime.timedelta(days=7)
    page.fill("#id_date", day.isoformat())
    page.fill("#id_starts_at", "10:00")
    page.fill("#id_ends_at", "11:00")
    page.select_option("#id_modality", "vor_ort")
    page.fill("#id_place", "Raum 2")
    page.fill("#id_mediator_language_filter", "Dari")
    page.press("#id_mediator_language_filter", "Enter")
    assert page.locator("#id_mediator_language").input_value() == "prs"
    page.fill("#id_mediator_name", "Frau Ahmadi")
    assert_accessible(page, "daily-08-appointment-form")
    page.locator("form[action$='/termine/neu/'] button[type=submit]").click()
    page.wait_for_load_state()
    appointment = Appointment.objects.get(case=case)
    assert (appointment.date, appointment.mediator_language) == (day, "prs")
    expect(page.locator("main")).to_contain_text("Dari")
    assert_accessible(page, "daily-09-appointments")

    # A signed consent as PDF on the documents tab.
    tabs.get_by_role("link", name="Dokumente", exact=True).click()
    page.wait_for_load_state()
    page.set_input_files(
        "#id_upload",
        files=FilePayload(name="einwilligung.pdf", mimeType="application/pdf", buffer=small_pdf()),
    )
    page.select_option("#id_kind", DocumentKind.CONSENT.value)
    page.fill("#id_title", "Einwilligung Weitergabe an KIM")
    page.locator("form[action$='/hochladen/'] button[type=submit]").click()
    page.wait_for_load_state()
    document = Document.objects.get(case=case)
    assert (document.kind, document.content_type) == (DocumentKind.CONSENT, "application/pdf")
    expect(page.locator("main")).to_contain_text("Einwilligung Weitergabe an KIM")
    assert_accessible(page, "daily-10-documents")

    # The appointment letter, filled in and downloaded as PDF.
    page.get_by_role("link", name="Terminbestätigung").click()
    page.wait_for_load_state()
    page.fill("#id_feld_appointment_date", day.isoformat())
    page.fill("#id_feld_appointment_time", "10:00")
    page.fill("#id_feld_appointment_place", "Raum 2")
    page.uncheck("#id_store")
    assert_accessible(page, "daily-11-letter-form")
    # WeasyPrint may take longer than a page on a loaded machine; the answer is a download
    with page.expect_download(timeout=60_000) as download:
        page.locator("main form button[type=submit]").first.click(no_wait_after=True)
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")


def _check_phone_page(page: Page, url: str, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{name}: {url}"
    toggle = page.locator(".site-nav__toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#site-nav-list")).to_be_hidden()
    layout = page.evaluate(OVERFLOW_JS)
    assert layout["scrollWidth"] <= layout["clientWidth"], f"{name}: {layout}"
    assert layout["beyond"] == [], f"{name}: {layout}"
    assert layout["overlapping"] == [], f"{name}: a column label runs into its value: {layout}"
    assert layout["scrollers"] == [], f"{name}: a table scrolls sideways: {layout}"
    assert_accessible(page, f"daily-phone-{name}")


def _phone(browser: Browser, base: str, world: dict[str, Any]) -> None:
    context = browser.new_context(locale="de-DE", viewport=PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, base, "berater")
    case, olena = world["case"], world["olena"]
    case_url = base + reverse("casework:case_detail", kwargs={"pk": case.pk})
    pages = {
        "start": base + "/",
        "clients": base + reverse("casework:client_list"),
        "cases": base + reverse("casework:case_list"),
        "case-overview": case_url,
        "case-sessions": case_url + "?teil=verlauf",
        "case-plan": case_url + "?teil=plan",
        "case-team": case_url + "?teil=team",
        "case-appointments": case_url + "?teil=termine",
        "case-documents": case_url + "?teil=dokumente",
        "client": base + reverse("casework:client_detail", kwargs={"pk": olena.pk}),
    }
    for name, url in pages.items():
        _check_phone_page(page, url, name)
    # The button opens the navigation and closes it again.
    page.goto(base + "/")
    page.get_by_role("button", name="Menü").click()
    expect(page.locator("#site-nav-list")).to_be_visible()
    expect(page.locator(".site-nav__toggle")).to_have_attribute("aria-expanded", "true")
    assert_accessible(page, "daily-phone-menu-open")
    page.get_by_role("button", name="Menü").click()
    expect(page.locator("#site-nav-list")).to_be_hidden()
    context.close()


def _calendar_groups(browser: Browser, base: str, username: str) -> None:
    """Every group the calendar links for the user opens (the list view of this and
    the next month)."""
    page = new_context(browser).new_page()
    log_in(page, base, username)
    today = timezone.localdate()
    following = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    links: set[str] = set()
    for month in (today, following):
        page.goto(base + reverse("activities:calendar") + f"?monat={month:%Y-%m}&ansicht=liste")
        hrefs = page.locator("main a[href*='/gruppen/']").evaluate_all(
            "links => links.map((link) => link.getAttribute('href'))"
        )
        links.update(href.split("?")[0] for href in hrefs)
    assert links, f"{username}: the calendar shows no group"
    for index, href in enumerate(sorted(links)):
        response = page.goto(base + href)
        assert response is not None and response.status == 200, f"{username}: {href}"
        if index == 0:
            assert_accessible(page, f"daily-groups-{username}")
    page.context.close()


def test_daily_tool_flow(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load()
    world = _world()
    base = live_server.url

    counsellor = new_context(browser).new_page()
    log_in(counsellor, base, "berater")
    _counsellor_day(counsellor, base, world)

    # The receiving case manager sees the hand-over waiting on the start page.
    manager = new_context(browser).new_page()
    log_in(manager, base, "casemanagement")
    referral: Referral = world["referral"]
    incoming = manager.locator("#worklist-incoming")
    expect(incoming).to_contain_text("MBE")
    expect(incoming).to_contain_text(timezone.localtime(referral.created_at).strftime("%d.%m.%Y"))
    # the demo city's clearings from the neighbourhood team wait there too
    waiting = incoming_handovers(User.objects.get(username="casemanagement"), 1)[1]
    noun = "Übergabe" if waiting == 1 else "Übergaben"
    expect(
        manager.locator("main").get_by_role("link", name=f"Über {waiting} {noun} entscheiden")
    ).to_be_visible()
    assert_accessible(manager, "daily-12-manager-worklist")

    _phone(browser, base, world)
    _calendar_groups(browser, base, "jmd")
    _calendar_groups(browser, base, "ehrenamt")
