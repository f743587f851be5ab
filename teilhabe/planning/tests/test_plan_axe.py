"""Every plan page of the role matrix in headless Chromium with axe-core, in the demo
city with the plan of plan_files.py, as the first role the matrix lets in (the rule of
core/tests/test_browser.py, limited to the plan so that it can run on its own): the
forms of the coordinator, a goal with a district goal, a district plan, a measure, the
synopsis, and the progress form and measure list of the lead provider."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX
from teilhabe.core.tests.test_browser import (
    DEMO_USER_OF_ROLE,
    assert_accessible,
    browser,
    log_in,
    new_context,
)
from teilhabe.core.upload_runs import problem_row
from teilhabe.demo import musterstadt
from teilhabe.organisations.models import Area
from teilhabe.planning.import_upload import summary_of
from teilhabe.planning.importer.service import import_plan
from teilhabe.planning.models import Concept, Indicator
from teilhabe.planning.models_import import PlanImportRun
from teilhabe.planning.tests.plan_files import make_areas, write_plan

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
__all__ = ["browser"]
# Files, not pages: the browser downloads them.
DOWNLOADS = {"planning:progress_attachment"}


def test_every_plan_page_passes_axe(
    browser: Browser, live_server: Any, settings: Any, tmp_path: Path
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    make_areas()  # codes the demo city does not use
    result = import_plan(write_plan(tmp_path / "plan"), "wir2", title="WIR 2.0")
    concept = Concept.objects.get(slug="wir2")
    m1 = concept.measures.get(code="M1")
    world = {
        "<concept>": "wir2",
        "<plan_field>": concept.fields.get(code="HF1").pk,
        "<plan_goal>": concept.goals.get(code="Z1.1").pk,  # a city goal with a district goal
        "<plan_area>": Area.objects.get(code="B1").pk,
        "<plan_measure>": m1.pk,
        "<plan_indicator>": Indicator.objects.create(measure=m1, name="Kurse", target=4).pk,
        # an import run as its status page shows it: counts, a link, a note with its line
        "<plan_import>": PlanImportRun.objects.create(
            concept_slug="wir2",
            file_name="plan.zip",
            status="done",
            dry_run=False,
            summary=summary_of(result, concept_new=True),
            problems=[problem_row("ziele.csv", "Unknown column, ignored.", 1, "notiz")],
        ).pk,
    }
    pages: dict[str, Page] = {}
    checked = []
    for name, (kwargs, allowed) in sorted(MATRIX.items()):
        if not name.startswith("planning:") or name in DOWNLOADS:
            continue
        role = next(r.value for r in Role if r.value in allowed)
        if role not in pages:
            pages[role] = new_context(browser).new_page()
            log_in(pages[role], live_server.url, DEMO_USER_OF_ROLE[Role(role)])
        page = pages[role]
        url = live_server.url + reverse(name, kwargs={k: world[v] for k, v in kwargs.items()})
        response = page.goto(url + "?stichtag=31.12.2024")
        assert response is not None and response.status == 200, f"{name}: {response}"
        assert_accessible(page, name.replace(":", "-"))
        checked.append(name)
    assert len(checked) == 22, checked
