"""Mediation in the organisation report and the city-wide statistics: the tables
against a hand count, with a small count suppressed together with its complements."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from teilhabe.conftest import signed_in_client
from teilhabe.core.languages import language_name
from teilhabe.mediation.models import (
    Assignment,
    MediationRequest,
    Mediator,
    RequestingBody,
    Status,
)
from teilhabe.mediation.tests.world import make_request
from teilhabe.organisations.models import Organisation
from teilhabe.reports.organisation import organisation_report

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 10)


def requests(body: RequestingBody, language: str, status: str, count: int) -> list[Any]:
    return [make_request(body, language=language, date=DAY, status=status) for _ in range(count)]


@pytest.fixture
def pool(provider: Organisation) -> Organisation:
    """Romanian: 5 fulfilled, 1 unfulfilled, 4 cancelled; Bulgarian: 6, 3, 3. Three of
    the fulfilled got their mediator 2, 4 and 9 hours after the request."""
    body = RequestingBody.objects.create(organisation=provider, name="Gesamtschule")
    done = requests(body, "ron", Status.COMPLETED, 5)
    requests(body, "ron", Status.UNFULFILLED, 1)
    requests(body, "ron", Status.CANCELLED, 4)
    requests(body, "bul", Status.COMPLETED, 6)
    requests(body, "bul", Status.UNFULFILLED, 3)
    requests(body, "bul", Status.CANCELLED, 3)
    mediator = Mediator.objects.create(
        organisation=provider, first_name="A", last_name="B", kind="honorar", languages=["ron"]
    )
    asked = timezone.make_aware(datetime.datetime(2025, 3, 1, 8))
    for item, hours in zip(done, (2, 4, 9), strict=False):
        MediationRequest.objects.filter(pk=item.pk).update(created_at=asked)
        Assignment.objects.create(
            request=item, mediator=mediator, assigned_at=asked + datetime.timedelta(hours=hours)
        )
    return provider


def test_organisation_report_has_the_protected_part(pool: Organisation) -> None:
    report = organisation_report(pool, [], 2025, [])
    (section,) = [s for s in report.sections() if s.key == "sprachmittlung"]
    tables = {table.key: table for table in section.tables}
    bul, ron = language_name("bul"), language_name("ron")
    # Romanian's single unfulfilled request is a small number: hidden, and with it its
    # row's "other" and both of Bulgarian's (a cycle: nothing can be recomputed).
    assert tables["sprachmittlung_language"].rows == [
        (bul, 12, 6, "•", "•"),
        (ron, 10, 5, "•", "•"),
        (gettext("Total"), 22, 11, 4, 7),
    ]
    assert tables["sprachmittlung_body"].rows == [
        ("Gesamtschule", 22, 11, 4, 7),
        (gettext("Total"), 22, 11, 4, 7),
    ]
    assert tables["sprachmittlung_month"].rows[0] == ("03", 22, 11, 4, 7)
    # unmet demand follows the protected table: both counts hidden
    assert tables["sprachmittlung_bedarf"].rows == [(bul, "•"), (ron, "•")]
    (lead,) = tables["sprachmittlung_vorlauf"].rows
    assert lead[1].value == pytest.approx(4.0)  # median of 2, 4 and 9 hours
    assert not [
        s for s in organisation_report(pool, [], 2024, []).sections() if s.key == "sprachmittlung"
    ]


def test_city_statistics_show_the_part(pool: Organisation, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role["statistics"])
    page = client.get(reverse("statistics:city") + "?jahr=2025").content.decode()
    assert 'id="teil-sprachmittlung"' in page
    part = page[page.find('id="teil-sprachmittlung"') :]
    assert f'{language_name("ron")}: <span aria-hidden="true">•</span>' in part  # hidden
    row = part[part.find(f'class="kern-table__cell">{language_name("ron")}</th>') :]
    row = row[: row.find("</tr>")]
    assert ">10<" in row and ">5<" in row and ">1<" not in row and "•" in row
    other_year = client.get(reverse("statistics:city") + "?jahr=2026").content.decode()
    assert 'id="teil-sprachmittlung"' not in other_year
