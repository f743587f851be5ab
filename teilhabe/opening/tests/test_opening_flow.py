"""Issue 15's acceptance for intercultural opening, in Chromium with axe-core on every
page: the day-care centre's contact ("kita") signs in, answers the self-check and
uploads a photo of a door sign; the coach (the coordinator "kim") checks it, records a
session and the audit and marks the stages done; the coordinator issues the certificate,
whose PDF is rendered with pdftoppm (test-artifacts/screens/opening-flow-certificate.png)
and read back with pdftotext."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import Browser, Page

from teilhabe.core.tests.test_browser import (
    SCREENS,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.opening.models import Certificate, Criterion, Evidence, Process

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), "white").save(out, format="PNG")
    return out.getvalue()


def _submit(page: Page) -> None:
    page.locator("main form[method=post] button[type=submit]").first.click()
    page.wait_for_load_state()


def _contact_answers_and_uploads(page: Page, base: str, process: Process) -> None:
    log_in(page, base, "kita")
    detail = reverse("opening:process_detail", kwargs={"pk": process.pk})
    page.locator(f"main a[href='{detail}']").first.click()  # the start page's panel
    page.wait_for_load_state()
    assert_accessible(page, "opening-flow-01-process-contact")
    page.locator(
        f"main a[href='{reverse('opening:self_check_create', kwargs={'pk': process.pk})}']"
    ).click()
    page.wait_for_load_state()
    page.locator("[name=date]").fill("2026-12-01")
    for criterion in Criterion.objects.filter(area__catalogue=process.catalogue):
        level = "3" if criterion.area.code in {"leitung", "zugang"} else "2"
        page.locator(f"input[name=criterion_{criterion.pk}][value='{level}']").check()
    assert_accessible(page, "opening-flow-02-self-check-form")
    _submit(page)
    # leitung and zugang all at 3 -> 100 %; personal, kooperation at 2 -> 67 %;
    # the demo's previous self-check had leitung 2+2+1 = 5 of 9 -> 56 %: +44
    main = page.locator("main").inner_text()
    assert "100 %" in main and "67 %" in main and "+44" in main
    assert_accessible(page, "opening-flow-03-self-check-result")
    page.goto(base + reverse("opening:evidence_upload", kwargs={"pk": process.pk}))
    page.locator("[name=upload]").set_input_files(
        {"name": "tuerschild.png", "mimeType": "image/png", "buffer": _png()}
    )
    page.locator("[name=title]").fill("Türschild Elterncafé")
    _submit(page)
    assert Evidence.objects.filter(process=process, title="Türschild Elterncafé").exists()
    assert_accessible(page, "opening-flow-04-evidence-uploaded")


def _coach_records(page: Page, base: str, process: Process) -> None:
    log_in(page, base, "kim")
    item = Evidence.objects.get(process=process, title="Türschild Elterncafé")
    page.goto(base + reverse("opening:evidence_check", kwargs={"pk": item.pk}))
    page.locator("input[name=decision][value=accept]").check()
    _submit(page)
    page.goto(base + reverse("opening:session_create", kwargs={"pk": process.pk}))
    page.locator("[name=date]").fill("2026-12-02")
    page.locator("[name=topics]").fill("Nachweise gesichtet; Audit vereinbart.")
    assert_accessible(page, "opening-flow-05-session-form")
    _submit(page)
    page.goto(base + reverse("opening:audit_record", kwargs={"pk": process.pk}))
    page.locator("[name=date]").fill("2026-12-03")
    page.locator("[name=auditors]").fill("Integrationsbüro")
    page.locator("[name=findings]").fill("Kriterien erfüllt.")
    page.locator("[name=recommends]").check()
    _submit(page)
    for stage in process.stages.filter(done_on__isnull=True):
        page.goto(base + reverse("opening:stage_done", kwargs={"pk": stage.pk}))
        page.locator("[name=day]").fill("2026-12-03")
        _submit(page)
    process.refresh_from_db()
    assert not process.stages.filter(done_on__isnull=True).exists()
    assert "Nachweise gesichtet" in page.locator("main").inner_text()
    assert_accessible(page, "opening-flow-06-process-coach")


def test_contact_coach_and_coordinator_to_the_certificate(
    browser: Browser, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    process = Process.objects.get(actor__name="Kita Sonnenblume")
    base = live_server.url
    _contact_answers_and_uploads(new_context(browser).new_page(), base, process)
    page = new_context(browser).new_page()
    _coach_records(page, base, process)

    page.goto(base + reverse("opening:certificate_issue", kwargs={"pk": process.pk}))
    page.locator("[name=issued_on]").fill("2026-12-04")
    _submit(page)
    certificate = Certificate.objects.get(process=process)
    assert str(certificate.valid_until) == "2029-12-03"
    assert_accessible(page, "opening-flow-07-certified")
    link = page.locator(
        f"a[href='{reverse('opening:certificate_pdf', kwargs={'pk': certificate.pk})}']"
    )
    with page.expect_download() as download:
        link.click()
    pdf = tmp_path / "zertifikat.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        words = " ".join(text.split())
        catalogue = certificate.catalogue
        for expected in (
            "Kita Sonnenblume",
            certificate.number,
            "03.12.2029",
            "Qualitätskriterien",
        ):
            assert expected in words, expected
        assert f" {catalogue.version}" in words  # the catalogue's version is named
    SCREENS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENS / "opening-flow-certificate"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, prefix],
        check=True,
    )
    with Image.open(f"{prefix}.png") as rendered:
        dark = sum(rendered.convert("L").histogram()[:128])
    assert dark > 1000  # text and frame were drawn, not an empty page

    anonymous = new_context(browser).new_page()
    anonymous.goto(base + reverse("opening:public:register"))
    register = anonymous.locator("main").inner_text()
    assert "Kita Sonnenblume" in register and "Grundschule Westhagen" in register
    assert "Krüger" not in register  # the contact person is not public
    assert_accessible(anonymous, "opening-flow-08-register")
