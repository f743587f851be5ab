"""Issue 12's acceptance walk in headless Chromium, as the users would click it: an
association applies through the public form without an account, returns by the link
in its e-mail, adds a PDF and submits; the integration coordinator checks, assesses
and puts the application on a board meeting's agenda; at the meeting a member declares
a conflict of interest and is recused, the item's quorum is shown, the decision is
recorded and carried over to a grant; the grant notice PDF is issued, downloaded and
rendered with pdftoppm; later the association uploads its receipt list (German Excel's
CSV) and the line that deviates by more than 20 % is flagged.

The world is built small (a fund, a board of five seats, a meeting today) instead of
the demo city. Every page passes axe-core with no violation at all and leaves a
screenshot in test-artifacts/screens/grants-flow-*.png."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership, create_user
from teilhabe.core.tests.test_browser import SCREENS, axe, browser, new_context
from teilhabe.funding import services as funding
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants import selectors, services
from teilhabe.grants.application_models import Application, Grant, Status
from teilhabe.grants.models import ItemDecision, Recusal
from teilhabe.network.catalogue import install_actor_kinds
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Attendance,
    Body,
    BodyMembership,
    Meeting,
)
from teilhabe.organisations.catalogue import install_service_catalogue
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation
from teilhabe.planning.models import Concept, FieldOfAction
from teilhabe.proofs.models import ProofOfUse

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]

PASSWORD = "Richtig-Langes-Passwort-1"  # a test user only
ASSOCIATION = "Kulturverein Brücke e. V."
EMAIL = "demir@bruecke.example"
TITLE = "Sprachcafé am Brückenplatz"
# The finance plan: 3,000 EUR of costs = 500 own contribution + 2,500 requested.
PLAN = [("Honorare", "2.000,00"), ("Sachkosten", "600,00"), ("Öffentlichkeitsarbeit", "400,00")]
RECUSAL_REASON = "Vorstandsmitglied im Förderverein des Antragstellers"
# A small but real PDF (the upload is typed by its content, not by its name).
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def receipts_csv(year: int) -> bytes:
    """As German Excel saves it: semicolons, Windows-1252, TT.MM.JJJJ, 1.234,56. Line 1
    (Honorare) is met exactly, line 2 (Sachkosten) falls short by 74.92 % (flagged), line
    3 (Öffentlichkeitsarbeit) is over by exactly 20 % (not more: not flagged)."""
    return (
        "Datum;Empfänger;Zweck;Betrag;Position\r\n"
        f"14.03.{year};Musikschule Süd;Honorar März;1.200,00;1\r\n"
        f"16.05.{year};Musikschule Süd;Honorar Mai;800,00;Honorare\r\n"
        f"17.06.{year};Bäckerei Özdemir;Bewirtung Sprachcafé;150,50;2\r\n"
        f"01.07.{year};Druckerei Weiß;Flyer, Gebühr;480,00;Öffentlichkeitsarbeit\r\n"
    ).encode("cp1252")


def _check(page: Page, name: str) -> None:
    """Screenshot, then axe-core: no violation of any impact (stricter than the role
    matrix's serious/critical)."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"grants-flow-{name}.png"), full_page=True)
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in axe.run(page).response["violations"]
    ]
    assert found == [], f"{name} ({page.url}): {found}"


def _world(today: datetime.date) -> dict[str, Any]:
    """The city with its coordinator, a fund with this year's budget, a field of action,
    the association as a network actor, and the city's Vergabebeirat: five voting seats
    (Anna chairs), deputies for Berta and Dora, Cem employed by the association (so
    excluded before the meeting), everybody invited and present at today's meeting."""
    install_service_catalogue()
    install_actor_kinds()  # both as the migrations install them, should a flush have emptied them
    city = create_organisation("stadt", "Stadt Teststadt", ["KIM"], Organisation.Kind.CITY_OFFICE)
    user = create_user(
        username="kim", first_name="Kim", last_name="Koordination", password=PASSWORD
    )
    add_membership(user, city, Role.INTEGRATION_COORDINATOR.value)
    fund = Fund.objects.create(name="Kleinprojektefonds", kind=FundKind.SMALL_PROJECTS)
    funding.set_budget(fund, today.year, Decimal("10000"))
    concept = Concept.objects.create(slug="integrationsplan", title="Integrationsplan")
    FieldOfAction.objects.create(concept=concept, code="HF1", title="Sprache und Bildung")
    actor = Actor.objects.create(
        name=ASSOCIATION, kind=ActorKind.objects.get(code="migrantenorganisation")
    )
    body = Body.objects.create(name="Vergabebeirat", kind=Body.Kind.BOARD, owner=city)

    def seat(name: str, function: str = BodyMembership.Function.MEMBER) -> BodyMembership:
        return BodyMembership.objects.create(
            body=body, person_name=name, function=function, term_from=datetime.date(2024, 1, 1)
        )

    members = [seat("Anna Vorsitz", BodyMembership.Function.CHAIR)]
    members += [seat(name) for name in ("Berta Beirat", "Cem Beirat", "Dora Beirat", "Emil Beirat")]
    deputies = {1: seat("Bruno Vertretung"), 3: seat("Doris Vertretung")}
    for index, member in enumerate(members):
        services.set_voting_right(member, deputies.get(index))
    services.declare_interest(members[2], actor, "angestellt", today - datetime.timedelta(days=60))
    meeting = Meeting.objects.create(body=body, held_on=today)
    services.invite(meeting, members, today - datetime.timedelta(days=14))
    for member in members:  # the deputies stay away
        Attendance.objects.create(meeting=meeting, membership=member, status="anwesend")
    return {"fund": fund, "actor": actor, "members": members, "meeting": meeting}


def _log_in(page: Page, base: str, username: str) -> None:
    page.goto(base + reverse("accounts:login"))
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()


def _button(page: Page, action: str) -> Any:
    """The submit button of the form that posts `action` (a hidden field or the button's
    own value); robust against other forms added to the same page."""
    hidden = page.locator(f"form:has(input[name=action][value={action}]) button[type=submit]")
    own = page.locator(f"button[type=submit][name=action][value={action}]")
    return hidden if hidden.count() else own


def _association_applies(page: Page, base: str, outbox: list[EmailMessage]) -> str:
    response = page.goto(base + reverse("grants:public:start"))
    assert response is not None and response.status == 200
    page.locator("[name=organisation_name]").fill(ASSOCIATION)
    page.locator("[name=organisation_address]").fill("Brückenplatz 3\n12345 Teststadt")
    page.locator("[name=contact_name]").fill("Ayşe Demir")
    page.locator("[name=contact_email]").fill(EMAIL)
    page.locator("[name=title]").fill(TITLE)
    page.locator("[name=description]").fill("Wöchentliches Sprachcafé für neu Zugewanderte.")
    page.locator("[name=field_of_action]").select_option(label="HF1 Sprache und Bildung")
    page.locator("[name=own_contribution]").fill("500,00")
    page.locator("[name=requested]").fill("2.500,00")
    for n, (label, amount) in enumerate(PLAN, start=1):
        page.locator(f"[name=cost_label_{n}]").fill(label)
        page.locator(f"[name=cost_amount_{n}]").fill(amount)
    _check(page, "01-public-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    application = Application.objects.get(title=TITLE)
    assert application.status == Status.DRAFT
    assert [(line.label, line.amount) for line in application.costs.order_by("position")] == [
        ("Honorare", Decimal("2000")),
        ("Sachkosten", Decimal("600")),
        ("Öffentlichkeitsarbeit", Decimal("400")),
    ]
    assert (application.own_contribution, application.requested) == (Decimal(500), Decimal(2500))
    _check(page, "02-public-draft-saved")
    # The link exists only in the e-mail (the token is stored hashed).
    assert len(outbox) == 1 and outbox[0].to == [EMAIL]
    found = re.search(r"https?://\S+/zuschuesse/antrag/[\w-]+/", str(outbox[0].body))
    assert found, outbox[0].body
    return found.group(0)


def _association_returns(page: Page, link: str, tmp_path: Path) -> None:
    response = page.goto(link)
    assert response is not None and response.status == 200
    expect(page.locator("[name=title]")).to_have_value(TITLE)
    expect(page.locator("[name=cost_amount_2]")).to_have_value("600,00")
    document = tmp_path / "Satzung Kulturverein.pdf"
    document.write_bytes(PDF)
    page.locator("[name=document]").set_input_files(str(document))
    _check(page, "03-public-draft-returned")
    _button(page, "upload").click()
    page.wait_for_load_state()
    expect(page.locator("#documents-heading + ul")).to_contain_text("Satzung Kulturverein.pdf")
    _button(page, "submit").click()
    page.wait_for_load_state()
    application = Application.objects.get(title=TITLE)
    assert application.status == Status.SUBMITTED and application.submitted_at is not None
    assert application.documents.count() == 1
    expect(page.locator("[name=title]")).to_have_count(0)  # no longer editable
    expect(page.locator("main table")).to_contain_text("2.000,00 €")  # as the form wants it
    _check(page, "04-public-submitted")


def _staff_prepare(page: Page, base: str, world: dict[str, Any]) -> Application:
    page.goto(base + reverse("grants:application_list"))
    expect(page.locator("tr", has_text=TITLE)).to_contain_text("2.500,00 €")
    _check(page, "05-staff-list")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state()
    application = Application.objects.get(title=TITLE)
    assert page.url == base + reverse("grants:application_detail", args=[application.pk])
    page.locator("[name=complete]").select_option("1")
    page.locator("[name=applicant_actor]").select_option(label=ASSOCIATION)
    _check(page, "06-staff-check")
    _button(page, "check").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Status.COMPLETE
    assert application.applicant_actor_id == world["actor"].pk

    page.locator("[name=content]").fill("Passt zum Handlungsfeld Sprache und Bildung.")
    page.locator("[name=calculation]").fill("Honorarsätze üblich, Sachkosten plausibel.")
    page.locator("[name=eligible_costs]").fill("3.000,00")
    page.locator("[name=recommendation]").select_option("bewilligen")
    page.locator("[name=recommended_amount]").fill("2.500,00")
    _check(page, "07-staff-assessment")
    _button(page, "assess").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Status.ASSESSED
    assessment = application.assessments.get()
    assert (assessment.recommendation, assessment.recommended_amount) == (
        "bewilligen",
        Decimal("2500"),
    )

    plan = page.locator("#plan-heading ~ *")
    for amount in ("2.000,00 €", "500,00 €", "2.500,00 €"):
        expect(plan.filter(has_text=amount)).not_to_have_count(0)
    expect(page.locator("#work-heading + p")).to_contain_text("2.500,00 €")
    page.locator("[name=meeting]").select_option(str(world["meeting"].pk))
    _check(page, "08-staff-agenda")
    _button(page, "agenda").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Status.ON_AGENDA
    assert application.agenda_item is not None
    assert application.agenda_item.meeting_id == world["meeting"].pk
    return application


def _quorum(application: Application) -> tuple[int, int, int, bool]:
    assert application.agenda_item is not None
    quorum = selectors.item_page(application.agenda_item)["quorum"]
    return quorum.present, quorum.seats, quorum.required, quorum.reached


def _board_meeting(page: Page, base: str, application: Application, world: dict[str, Any]) -> None:
    item = application.agenda_item
    assert item is not None
    page.locator(f"a[href='{reverse('grants:board_item', args=[item.pk])}']").click()
    page.wait_for_load_state()
    dora = world["members"][3]
    # Before the item: Cem (employed by the applicant) is excluded, four of five count.
    assert _quorum(application) == (4, 5, 3, True)
    state = page.locator("#quorum-state")
    expect(state).to_contain_text("4")
    expect(page.locator("tr", has_text="Cem Beirat").locator("td").nth(2)).not_to_have_text("–")
    _check(page, "09-board-item")

    # Dora declares a conflict of interest and leaves the item; her deputy is absent.
    page.locator("[name=membership]").select_option(label=str(dora))
    page.locator("[name=reason]").fill(RECUSAL_REASON)
    _button(page, "recuse").click()
    page.wait_for_load_state()
    recusal = Recusal.objects.get(agenda_item=item)
    assert recusal.membership_id == dora.pk
    assert _quorum(application) == (3, 5, 3, True)  # 3 of 5 count, more than half = 3
    expect(state).to_contain_text("3")
    expect(page.locator("tr", has_text="Dora Beirat").locator("td").nth(2)).not_to_have_text("–")
    expect(page.locator("tr", has_text="Dora Beirat").locator("td").nth(3)).to_have_text("–")
    _check(page, "10-board-item-quorum")

    page.locator("[name=yes]").fill("2")
    page.locator("[name=no]").fill("1")
    page.locator("[name=abstain]").fill("0")
    _button(page, "decide").click()
    page.wait_for_load_state()
    decision = ItemDecision.objects.get(agenda_item=item)
    assert decision.outcome == ItemDecision.Outcome.ADOPTED
    assert (decision.yes, decision.no, decision.abstain) == (2, 1, 0)
    assert (decision.present, decision.required) == (3, 3)
    expect(page.locator("#decision-heading + p")).to_contain_text("2")
    _check(page, "11-board-item-decided")


def _staff_grant_and_notice(
    page: Page, base: str, application: Application, tmp_path: Path
) -> Grant:
    page.goto(base + reverse("grants:application_detail", args=[application.pk]))
    _button(page, "decision").click()
    page.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    grant = Grant.objects.get(application=application)
    assert grant.amount == Decimal("2500")
    figures = fund_figures(application.fund, application.year)
    assert (figures.committed, figures.paid, figures.free) == (
        Decimal("2500"),
        Decimal("0"),
        Decimal("7500"),
    )
    _check(page, "12-staff-approved")
    page.locator(f"a[href='{reverse('grants:grant_detail', args=[grant.pk])}']").click()
    page.wait_for_load_state()
    year = application.year
    page.locator("[name=starts_on]").fill(f"{year}-01-01")
    page.locator("[name=ends_on]").fill(f"{year}-12-31")
    page.locator("[name=proof_due_on]").fill(f"{year + 1}-06-30")
    page.locator("[name=conditions]").fill("Der Sachbericht nennt die Zahl der Treffen.")
    _check(page, "13-grant-notice-form")
    _button(page, "notice").click()
    page.wait_for_load_state()
    notice = grant.notices.get()
    assert notice.proof_due_on == datetime.date(year + 1, 6, 30)
    _check(page, "14-grant-issued")
    link = page.locator(f"a[href='{reverse('grants:notice_download', args=[notice.pk])}']")
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "bescheid.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        for expected in (ASSOCIATION, TITLE, "2.500,00 €", f"30.06.{year + 1}", "Vergabebeirat"):
            assert expected in " ".join(text.split()), expected
    if shutil.which("pdftoppm"):
        prefix = SCREENS / "grants-flow-15-notice-pdf"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, prefix],
            check=True,
        )
    return grant


def _association_proves_use(page: Page, link: str, grant: Grant, tmp_path: Path) -> None:
    page.goto(link)
    proof_url = reverse("proofs:public:proof", kwargs={"token": link.rstrip("/").split("/")[-1]})
    _check(page, "16-public-approved")
    page.locator(f"a[href='{proof_url}']").click()
    page.wait_for_load_state()
    _check(page, "17-proof-empty")
    year = grant.application.year
    receipts = tmp_path / "Belegliste.csv"
    receipts.write_bytes(receipts_csv(year))
    page.locator("[name=receipts]").set_input_files(str(receipts))
    _button(page, "upload").click()
    page.wait_for_load_state()
    proof = ProofOfUse.objects.get(grant=grant)
    assert proof.due_on == datetime.date(year + 1, 6, 30)  # the notice's date
    assert sorted((r.payee, r.amount) for r in proof.receipts.all()) == [
        ("Bäckerei Özdemir", Decimal("150.50")),
        ("Druckerei Weiß", Decimal("480.00")),
        ("Musikschule Süd", Decimal("800.00")),
        ("Musikschule Süd", Decimal("1200.00")),
    ]
    rows = page.locator("table:has(caption) tbody tr")
    honorare = rows.filter(has_text="Honorare")
    sachkosten = rows.filter(has_text="Sachkosten")
    publicity = rows.filter(has_text="Öffentlichkeitsarbeit")
    expect(sachkosten.first.locator(".kern-badge--warning")).to_have_count(1)
    expect(sachkosten.first).to_contain_text("-74,92")
    expect(honorare.first.locator(".kern-badge--warning")).to_have_count(0)
    expect(publicity.first).to_contain_text("20,00")  # exactly 20 %: not flagged
    expect(publicity.first.locator(".kern-badge--warning")).to_have_count(0)
    expect(page.locator("main .kern-badge--warning")).to_have_count(1)
    expect(page.locator("main")).to_contain_text("Bäckerei Özdemir")  # umlauts kept
    _check(page, "18-proof-flagged")


def test_grants_acceptance_walk(
    browser: Browser,
    live_server: Any,
    settings: Any,
    mailoutbox: list[EmailMessage],
    tmp_path: Path,
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False  # the TOTP step has its own browser test
    today = timezone.localdate()
    world = _world(today)
    base = live_server.url

    association = new_context(browser).new_page()  # nobody signed in
    link = _association_applies(association, base, mailoutbox)
    # Days later, from the mail client: a fresh browser without the first one's session.
    association = new_context(browser).new_page()
    _association_returns(association, link, tmp_path)

    staff = new_context(browser).new_page()
    _log_in(staff, base, "kim")
    application = _staff_prepare(staff, base, world)
    _board_meeting(staff, base, application, world)
    grant = _staff_grant_and_notice(staff, base, application, tmp_path)

    _association_proves_use(association, link, grant, tmp_path)
