"""The plan's way through the year as its users click it, in headless Chromium (issue
11's acceptance flow): the integration coordinator imports the city's Excel lists with
a dry run first, opens a field of action, follows a district goal to the city goal it
serves; the lead provider records progress on its measure; the coordinator answers an
idea of a World Café with a new measure and downloads the synopsis PDF (rendered with
pdftoppm); the published plan is open without sign-in. Every page passes axe-core."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django_q.conf import Conf
from playwright.sync_api import Browser, Page, expect

from teilhabe.core.tests.test_browser import (
    SCREENS,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.participation.models import Idea, ParticipationEvent
from teilhabe.planning.models import Concept, Measure, ProgressEntry
from teilhabe.planning.tests.plan_files import FILES, make_areas

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def plan_zip(folder: Path) -> Path:
    # As a city sends it: the lists saved from Excel as CSV (Windows-1252) in a folder.
    path = folder / "Integrationsplan.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in FILES.items():
            archive.writestr(f"Plan 2024/{name}", text.encode("cp1252"))
    return path


def upload(page: Page, base: str, archive: Path, dry_run: bool) -> None:
    page.goto(base + reverse("planning:import"))
    page.set_input_files("input[type=file]", str(archive))
    page.get_by_label("Konzept (Kurzname)").fill("wir2")
    page.get_by_label("Titel eines neuen Konzepts").fill("WIR 2.0")
    page.get_by_role("checkbox").set_checked(dry_run)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_the_plan_through_the_year(
    browser: Browser,
    live_server: Any,
    settings: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr(Conf, "SYNC", True)  # the queue's job runs in the request
    musterstadt.load(scale=0)
    make_areas()  # the codes of the plan files, which the demo city does not use
    base = live_server.url
    archive = plan_zip(tmp_path)

    kim = new_context(browser).new_page()
    log_in(kim, base, "kim")

    # A dry run stores nothing and says so.
    upload(kim, base, archive, dry_run=True)
    expect(kim.get_by_text("Keine Fehler: Der Plan kann importiert werden.")).to_be_visible()
    assert not Concept.objects.filter(slug="wir2").exists()
    assert_accessible(kim, "plan-flow-1-dry-run")

    # The import itself, then the concept.
    upload(kim, base, archive, dry_run=False)
    kim.get_by_role("link", name="Konzept „WIR 2.0“ öffnen").click()
    kim.wait_for_load_state()
    concept = Concept.objects.get(slug="wir2")
    assert concept.measures.count() == 6

    # A field of action: its numbers and the measures behind them.
    field = kim.locator("section", has=kim.get_by_role("heading", name="HF1 Bildung"))
    field.locator("summary").first.click()
    expect(field.get_by_role("link", name="M1 Sprachkurse Nord").first).to_be_visible()
    assert_accessible(kim, "plan-flow-2-field")

    # A district goal to the city goal it serves.
    kim.get_by_role("link", name="Nord", exact=True).click()
    kim.wait_for_load_state()
    kim.get_by_role("link", name="Z1 Sprache fördern").first.click()
    kim.wait_for_load_state()
    expect(kim.get_by_role("heading", level=1)).to_contain_text("Z1 Sprache fördern")
    assert_accessible(kim, "plan-flow-3-city-goal")

    # The lead provider (Diakonie leads M1) records progress on its measure.
    lead = new_context(browser).new_page()
    log_in(lead, base, "programm")
    lead.goto(base + reverse("planning:my_measures"))
    lead.get_by_role("link", name="M1 Sprachkurse Nord").click()
    lead.get_by_role("link", name="Fortschritt erfassen").click()
    lead.get_by_label("Datum").fill("2025-03-01")
    lead.get_by_label("Status").select_option("laufend")
    lead.get_by_label("Umsetzungsstand").fill("70")
    lead.locator("main form button[type=submit]").click()
    lead.wait_for_load_state()
    m1 = Measure.objects.get(concept=concept, code="M1")
    entry = ProgressEntry.objects.filter(measure=m1).latest("id")
    assert (entry.status, entry.stand, entry.recorded_by.username) == ("laufend", 70, "programm")
    assert_accessible(lead, "plan-flow-4-progress")

    # A World Café's idea, answered with a new measure.
    kim.goto(base + reverse("participation:event_create", kwargs={"slug": "wir2"}))
    kim.select_option("#id_kind", label="World Café")
    kim.fill("#id_title", "World Café Nord")
    kim.fill("#id_date", "2025-02-12")
    for field, count in (("age_18_26", "4"), ("age_27_64", "8"), ("female", "7"), ("male", "5")):
        kim.fill(f"#id_{field}", count)
    kim.locator("main form button[type=submit]").click()
    kim.wait_for_load_state()
    event = ParticipationEvent.objects.get(concept=concept)
    kim.fill("#id_text", "Ein Sprachcafé auch samstags")
    kim.get_by_role("button", name="Idee hinzufügen").click()
    kim.wait_for_load_state()
    idea = Idea.objects.get(event=event)
    kim.goto(base + reverse("participation:idea_new_measure", kwargs={"pk": idea.pk}))
    kim.fill("#id_code", "M7")
    kim.fill("#id_title", "Sprachcafé am Samstag")
    kim.select_option("#id_goals", label="Z1.1 Sprachkurse ausbauen")
    kim.fill("#id_answer-public_text", "Ab Mai gibt es das Sprachcafé auch samstags.")
    kim.locator("main form button[type=submit]").click()
    kim.wait_for_load_state()
    idea.refresh_from_db()
    assert idea.measure is not None and idea.measure.code == "M7"
    kim.goto(base + reverse("planning:measure_detail", kwargs={"pk": idea.measure.pk}))
    expect(
        kim.get_by_role("heading", name="Ideen, aus denen diese Maßnahme entstanden ist")
    ).to_be_visible()
    expect(kim.locator("li", has_text="Ein Sprachcafé auch samstags")).to_be_visible()
    assert_accessible(kim, "plan-flow-5-measure-from-idea")

    # The synopsis for the council as PDF, as the coordinator sends it.
    kim.goto(base + reverse("planning:synopsis", kwargs={"slug": "wir2"}))
    assert_accessible(kim, "plan-flow-6-synopsis")
    with kim.expect_download() as download:
        kim.get_by_role("link", name="PDF").first.click()
    pdf = tmp_path / "synopse.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        SCREENS.mkdir(parents=True, exist_ok=True)
        prefix = SCREENS / "plan-flow-7-synopsis-pdf"
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, prefix], check=True)  # fmt: skip

    # Published, the plan is open to everyone; the draft never.
    Measure.objects.filter(concept=concept, code="M6").update(draft=True)
    kim.goto(base + reverse("planning:concept_edit", kwargs={"slug": "wir2"}))
    kim.get_by_label("Öffentliche Seite").check()
    kim.locator("main form button[type=submit]").click()
    kim.wait_for_load_state()
    visitor = new_context(browser).new_page()
    response = visitor.goto(base + reverse("participation:public:plan", kwargs={"slug": "wir2"}))
    assert response is not None and response.status == 200
    expect(visitor.get_by_text("Sprachcafé am Samstag").first).to_be_visible()
    expect(visitor.get_by_text("Ab Mai gibt es das Sprachcafé auch samstags.")).to_be_visible()
    assert "Brückenkurs" not in visitor.content()  # M6, a draft
    assert_accessible(visitor, "plan-flow-8-public")
