"""The pages added for the clearing, its checklist, the rate limit and the reports'
mediation part, in headless Chromium with axe-core, on the demo city: the case manager
deciding a waiting clearing, the QM counsellor's list and form, the administrator's
checklist, the statistics office's city page with the mediation part, the team lead's
organisation report, and the 429 page of the outside form."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser

from teilhabe.core.tests.test_browser import assert_accessible, browser, log_in, new_context
from teilhabe.demo import musterstadt
from teilhabe.mediation import services
from teilhabe.mediation.models import RequestingBody
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion, ClearingStatus

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
__all__ = ["browser"]


def test_the_new_mediation_pages_pass_axe(
    browser: Browser, live_server: Any, settings: Any
) -> None:
    settings.REQUIRE_SECOND_FACTOR = False
    musterstadt.load(scale=0)
    waiting = Clearing.objects.filter(status=ClearingStatus.OPEN).first()
    assert waiting is not None
    year = timezone.localdate().year
    criterion = ClearingCriterion.objects.get(code="wohnen")
    pages: list[tuple[str, str, dict[str, Any], str]] = [
        ("casemanagement", "mediation:clearing_list", {}, ""),
        ("casemanagement", "mediation:clearing_detail", {"pk": waiting.pk}, ""),
        ("quartier", "mediation:clearing_list", {}, ""),
        ("quartier", "mediation:clearing_create", {}, ""),
        ("admin", "mediation:criteria_list", {}, ""),
        ("admin", "mediation:criterion_create", {}, ""),
        ("admin", "mediation:criterion_edit", {"pk": criterion.pk}, ""),
        ("statistik", "statistics:city", {}, f"?jahr={year}"),
        ("teamleitung", "reports:organisation", {}, f"?jahr={year}&organisation=diakonie"),
    ]
    signed_in: dict[str, Any] = {}
    for username, name, kwargs, query in pages:
        if username not in signed_in:
            signed_in[username] = new_context(browser).new_page()
            log_in(signed_in[username], live_server.url, username)
        page = signed_in[username]
        url = live_server.url + reverse(name, kwargs=kwargs) + query
        response = page.goto(url)
        assert response is not None and response.status == 200, name
        assert page.url == url, f"{name}: not signed in"
        assert_accessible(page, f"{name.replace(':', '-')}-{username}")
    city = signed_in["statistik"].content()
    assert 'id="teil-sprachmittlung"' in city
    report = signed_in["teamleitung"].content()
    assert "Sprach" in report

    settings.MEDIATION_OUTSIDE_RATE = {"address": (0, 600)}
    body = RequestingBody.objects.first()
    assert body is not None
    page = new_context(browser).new_page()
    response = page.goto(
        live_server.url + reverse("mediation:outside_request", args=[services.issue_link(body)])
    )
    assert response is not None and response.status == 429
    assert_accessible(page, "mediation-outside-too-many")
