"""The pages of proofs in headless Chromium with axe-core: as the grantee (anonymous, by
the application's link) the proof page with flagged deviations, and refused for a bad
receipt list with its problems; the public list of grants; as the integration
coordinator the list of proofs and one submitted proof with its check and repayment
forms, and the yearly funding report."""

from __future__ import annotations

import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from teilhabe.accounts.roles import Role
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.demo import musterstadt
from teilhabe.proofs import services
from teilhabe.proofs.tests.files import CSV_BAD, CSV_CP1252
from teilhabe.proofs.tests.world import granted

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]


def test_the_proof_pages_pass_axe(
    browser: Browser, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)  # the catalogues and the coordinator "kim"
    grant, token = granted()
    submitted, _other = granted(
        grant.application.fund, organisation="Nachbarschaftsverein Süd e. V.", title="Hoffest"
    )
    proof = services.proof_for(submitted)
    services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252))
    services.save_report(proof, "Zwölf Treffen.", Decimal("400"))
    services.submit(proof)

    page = new_context(browser).new_page()
    url = live_server.url + reverse("proofs:public:proof", kwargs={"token": token})
    assert page.goto(url) is not None
    assert_accessible(page, "proofs-public-proof-empty")
    good, bad = tmp_path / "Belegliste.csv", tmp_path / "belege.csv"
    good.write_bytes(CSV_CP1252)
    bad.write_bytes(CSV_BAD)
    page.locator("[name=receipts]").set_input_files(str(good))
    page.locator("form:has([name=receipts]) button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".kern-badge--warning").count() == 2  # two lines over 20 %
    assert_accessible(page, "proofs-public-proof-flagged")
    page.locator("[name=receipts]").set_input_files(str(bad))
    page.locator("form:has([name=receipts]) button[type=submit]").click()
    page.wait_for_load_state()
    assert "belege.csv:2:datum:" in page.content()
    assert_accessible(page, "proofs-public-proof-refused")

    response = page.goto(live_server.url + reverse("proofs:public:grants"))
    assert response is not None and response.status == 200
    assert_accessible(page, "proofs-public-grants")

    page = new_context(browser).new_page()
    log_in(page, live_server.url, DEMO_USER_OF_ROLE[Role.INTEGRATION_COORDINATOR])
    for name, kwargs in [
        ("proofs:proof_list", {}),
        ("proofs:proof_detail", {"pk": submitted.pk}),
        ("proofs:proof_detail", {"pk": grant.pk}),
        ("proofs:yearly", {}),
    ]:
        url = live_server.url + reverse(name, kwargs=kwargs)
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        assert page.url == url, f"{name}: not signed in"
        if name == "proofs:yearly":
            assert "Hoffest" not in page.content()  # aggregates only
        assert_accessible(page, f"{name.replace(':', '-')}-{kwargs.get('pk', '')}")
