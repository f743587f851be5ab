"""Issue 14's acceptance walk in headless Chromium on the demo city, as the users would
click it: the school secretary (a registered outside body, through its token link)
requests a Romanian-speaking mediator; the coordinator ("teamleitung") opens the open
requests, sees the mediators ranked with their reasons and assigns the top-ranked one;
the mediator ("sprachmittlung", linked to that mediator) confirms and records completion; the
month's allowance sheet shows the assignment; the QM counsellor ("quartier") records a
neighbourhood conflict and a clearing, which the KIM case manager ("casemanagement")
accepts. After each step the database is checked; every page passes axe-core and
leaves a screenshot in test-artifacts/screens/mediation-flow-*.png."""

from __future__ import annotations

import datetime
import os
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from teilhabe.accounts.models import User
from teilhabe.casework import handover
from teilhabe.casework import services as casework
from teilhabe.casework.models import Case, Person, Referral
from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.mediation import access, allowances, services
from teilhabe.mediation.models import MediationRequest, Mediator, RequestingBody, Status
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion, ClearingStatus
from teilhabe.mediation.models_neighbourhood import ConflictEntry
from teilhabe.mediation.selectors import ranking
from teilhabe.organisations.models import Organisation, Service

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]

SCHOOL = "Gesamtschule Musterstadt"
SECRETARY = "Frau Albrecht, Sekretariat"
# late in the day: the demo's requests start between 8 and 15:30, so every Romanian
# speaker is free and the ranking decides on the other criteria
STARTS_AT = "17:00"
CONFLICT_AREA = "Spielplatz Lindenstraße"
ASSESSMENT = "Mietschulden, Schulabsentismus der Tochter, keine Krankenversicherung"


def _shot(page: Page, name: str) -> None:
    assert_accessible(page, f"mediation-flow-{name}")


def _secretary_requests(page: Page, base: str, today: datetime.date) -> MediationRequest:
    school = RequestingBody.objects.get(name=SCHOOL)
    token = services.issue_link(school)  # the coordinator's "Issue a new link"
    response = page.goto(base + reverse("mediation:outside_request", args=[token]))
    assert response is not None and response.status == 200
    expect(page.locator("main")).to_contain_text(SCHOOL)
    page.fill("#id_requesting_person", SECRETARY)
    page.select_option("#id_language", "ron")
    page.select_option("#id_subject", "schule")
    page.fill("#id_date", today.isoformat())
    page.fill("#id_starts_at", STARTS_AT)
    page.fill("#id_duration_minutes", "60")
    page.select_option("#id_modality", "vor_ort")
    page.fill("#id_place", "Schulstraße 1, Raum 12")
    _shot(page, "01-outside-form")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_load_state()
    _shot(page, "02-outside-done")
    item = MediationRequest.objects.get(requesting_person=SECRETARY)
    assert (item.body_id, item.organisation_id) == (school.pk, school.organisation_id)
    assert (item.language, item.date, item.status) == ("ron", today, Status.OPEN)
    assert item.created_by is None  # nobody signed in: the token link alone
    return item


def _coordinator_assigns(page: Page, base: str, item: MediationRequest) -> Mediator:
    page.goto(base + reverse("mediation:overview"))
    row = (
        page.locator("tr", has_text=SCHOOL)
        .filter(has_text="Rumänisch")
        .filter(has=page.locator(f"a[href$='/anfrage/{item.pk}/']"))
    )
    expect(row).to_have_count(1)
    _shot(page, "03-coordinator-open-requests")
    row.locator(f"a[href$='/anfrage/{item.pk}/']").click()
    page.wait_for_load_state()
    ranked = ranking(item)
    assert ranked, "no Romanian speaker in the demo pool"
    top = Mediator.objects.get(pk=ranked[0].candidate.mediator_id)
    first = page.locator("ol.ranking > li").first
    expect(first).to_contain_text(str(ranked[0].candidate.name))
    # the reasons are shown: the language match is one of them
    expect(first.locator("ul > li").first).to_be_visible()
    expect(first).to_contain_text("Rumänisch")
    for reason in ranked[0].reasons:
        expect(first).to_contain_text(reason.text)
    _shot(page, "04-coordinator-ranking")
    first.get_by_role("button").click()
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED
    live = item.assignments.get(cancelled_at=None)
    assert live.mediator_id == top.pk
    assert live.assigned_by == User.objects.get(username="teamleitung")
    expect(page.locator("main")).to_contain_text(str(top))
    _shot(page, "05-coordinator-assigned")
    return top


def _mediator_sees_nothing_of_casework(page: Page, base: str) -> None:
    """The mediator role's start page shows the own work; casework answers 403."""
    page.goto(base + reverse("core:dashboard"))
    expect(page.get_by_role("heading", name="Meine Sprachmittlungseinsätze")).to_be_visible()
    _shot(page, "07b-mediator-start")
    for name in ("casework:client_list", "casework:case_list"):
        response = page.goto(base + reverse(name))
        assert response is not None and response.status == 403


def _mediator_confirms_and_completes(page: Page, base: str, item: MediationRequest) -> None:
    page.goto(base + reverse("mediation:my_assignments"))
    live = item.assignments.get(cancelled_at=None)
    confirm = page.locator(f"form[action$='/meine/{live.pk}/bestaetigen/'] button")
    expect(confirm).to_be_visible()
    _shot(page, "06-mediator-assignments")
    confirm.click()
    page.wait_for_load_state()
    live.refresh_from_db()
    item.refresh_from_db()
    assert live.confirmed_at is not None and item.status == Status.CONFIRMED

    page.locator(f"a[href$='/meine/{live.pk}/abschluss/']").click()
    page.wait_for_load_state()
    page.fill("#id_minutes_spent", "75")
    page.fill("#id_travel_minutes", "20")
    page.fill("#id_travel_km", "6.5")
    page.select_option("#id_modality", "vor_ort")
    _shot(page, "07-mediator-completion")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == base + reverse("mediation:my_assignments")
    live.refresh_from_db()
    item.refresh_from_db()
    assert item.status == Status.COMPLETED
    assert live.completed_at is not None
    assert (live.minutes_spent, live.travel_minutes, live.travel_km, live.modality) == (
        75,
        20,
        Decimal("6.5"),
        "vor_ort",
    )
    assert live.programme_id is None


def _allowance_sheet(page: Page, base: str, top: Mediator, today: datetime.date) -> None:
    page.goto(base + reverse("mediation:allowances") + f"?monat={today:%Y-%m}")
    coordinator = User.objects.get(username="teamleitung")
    rows = allowances.month_sheet(access.coordinated(coordinator), today.replace(day=1))
    # the demo books its completions against a programme: the one without is ours
    ours = [row for row in rows if row.mediator == str(top) and row.programme == ""]
    assert len(ours) == 1
    assert (ours[0].assignments, ours[0].minutes, ours[0].travel_minutes) == (1, 75, 20)
    assert ours[0].km == Decimal("6.5") and ours[0].amount > 0
    line = page.locator("tbody tr", has_text=str(top)).filter(has=page.locator("td", has_text="–"))
    expect(line).to_have_count(1)
    expect(line.locator("td").nth(3)).to_have_text("1")
    expect(line.locator("td").nth(4)).to_have_text("1,58")  # 95 minutes
    expect(line.locator("td").nth(5)).to_have_text("6,5")
    _shot(page, "08-allowance-sheet")


def _qm_records_conflict(page: Page, base: str, today: datetime.date) -> None:
    before = ConflictEntry.objects.count()
    page.goto(base + reverse("mediation:conflict_list"))
    _shot(page, "09-conflict-list")
    page.goto(base + reverse("mediation:conflict_create"))
    page.fill("#id_occurred_on", today.isoformat())
    page.select_option("#id_district", index=1)
    page.fill("#id_area", CONFLICT_AREA)
    page.select_option("#id_kind", "laerm")
    page.fill("#id_parties", "Anwohnende eines Hauses und eine Gruppe Jugendlicher")
    page.check("input[name=partners][value=ordnungsamt]")
    page.check("input[name=partners][value=bezirksdienst]")
    page.fill("#id_steps", "Gespräch vor Ort mit dem Bezirksdienst")
    page.select_option("#id_outcome", "laufend")
    _shot(page, "10-conflict-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url == base + reverse("mediation:conflict_list")
    assert ConflictEntry.objects.count() == before + 1
    entry = ConflictEntry.objects.get(area=CONFLICT_AREA)
    assert entry.organisation.slug == "caritas"
    assert entry.created_by == User.objects.get(username="quartier")
    assert sorted(entry.partners) == ["bezirksdienst", "ordnungsamt"]
    assert (entry.kind, entry.outcome) == ("laerm", "laufend")
    assert entry.district_id is not None
    expect(page.locator("main")).to_contain_text(CONFLICT_AREA)


def _consented_handover() -> Referral:
    """The QM client whose consented hand-over to the KIM case management is the
    starting point of the clearing (casework's own pages and tests cover the hand-over)."""
    counsellor = User.objects.get(username="quartier")
    qm, city = Organisation.objects.get(slug="caritas"), Organisation.objects.get(slug="stadt")
    person = Person.objects.create(organisation=qm, first_name="Cristina", last_name="Vasile")
    case = casework.open_case(
        client=person,
        service_id=Service.objects.get(code="QM").pk,
        kind="beratung",
        opened_on=timezone.localdate() - datetime.timedelta(days=30),
        access_route="familie",
        responsible=counsellor,
    )
    consent = handover.record_consent(
        person,
        user=counsellor,
        recipient=city,
        recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing für das Case Management",
        given_on=timezone.localdate(),
        explained_language="ron",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    return handover.propose(case, consent=consent, kind="clearing", note="", user=counsellor)


def _qm_records_clearing(page: Page, base: str, referral: Referral, top: Mediator) -> Clearing:
    page.goto(base + reverse("mediation:clearing_list"))
    page.get_by_role("link", name="Neues Clearing").click()
    page.wait_for_load_state()
    page.select_option("#id_referral", str(referral.pk))
    for code in ("wohnen", "schulden", "gesundheit"):
        criterion = ClearingCriterion.objects.get(code=code)
        page.check(f"input[name=criteria][value='{criterion.pk}']")
    page.fill("#id_assessment", ASSESSMENT)
    page.select_option("#id_mediator", str(top.pk))
    _shot(page, "11-clearing-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    item = Clearing.objects.get(referral=referral)
    assert page.url == base + reverse("mediation:clearing_detail", kwargs={"pk": item.pk})
    assert (item.status, item.mediator_id, item.assessment) == (
        ClearingStatus.OPEN,
        top.pk,
        ASSESSMENT,
    )
    assert sorted(item.criteria.values_list("code", flat=True)) == [
        "gesundheit",
        "schulden",
        "wohnen",
    ]
    expect(page.locator("main")).to_contain_text(str(top))
    _shot(page, "12-clearing-recorded")
    return item


def _manager_accepts(page: Page, base: str, item: Clearing) -> None:
    page.goto(base + reverse("mediation:clearing_detail", kwargs={"pk": item.pk}))
    expect(page.locator("main")).to_contain_text("Vasile")
    page.check("input[name=decision][value=annehmen]")
    _shot(page, "13-clearing-decision")
    page.get_by_role("button", name="Entscheidung speichern").click()
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.status == ClearingStatus.ACCEPTED and item.decided_at is not None
    case = Case.objects.get(pk=int(page.url.rstrip("/").split("/")[-1]))
    assert case.service.code == "KIM" and case.client.last_name == "Vasile"
    _shot(page, "14-kim-case")


def test_mediation_acceptance_walk(browser: Browser, live_server: Any, settings: Any) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    musterstadt.load(scale=0)
    base = live_server.url
    today = timezone.localdate()

    secretary = new_context(browser).new_page()  # nobody signed in
    item = _secretary_requests(secretary, base, today)

    coordinator = new_context(browser).new_page()
    log_in(coordinator, base, "teamleitung")
    top = _coordinator_assigns(coordinator, base, item)
    # the demo links its first Romanian mediator to "sprachmittlung" (mediator role)
    assert top.user is not None and top.user.username == "sprachmittlung"

    mediator = new_context(browser).new_page()
    log_in(mediator, base, top.user.username)
    _mediator_confirms_and_completes(mediator, base, item)
    _mediator_sees_nothing_of_casework(mediator, base)

    _allowance_sheet(coordinator, base, top, today)

    qm = new_context(browser).new_page()
    log_in(qm, base, "quartier")
    _qm_records_conflict(qm, base, today)
    referral = _consented_handover()
    clearing = _qm_records_clearing(qm, base, referral, top)

    manager = new_context(browser).new_page()
    log_in(manager, base, "casemanagement")
    _manager_accepts(manager, base, clearing)
