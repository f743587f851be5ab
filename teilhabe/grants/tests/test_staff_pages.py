"""Staff's way through an application on the pages: check, assess (content and
calculation separately), agenda, and the board's decision carried over into a grant."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.conftest import signed_in_client
from teilhabe.funding import services as funding
from teilhabe.funding.figures import fund_figures
from teilhabe.funding.models import Fund, FundKind
from teilhabe.grants import applications, services
from teilhabe.grants.application_models import Status
from teilhabe.grants.tests.world import attend, board_world
from teilhabe.network.models import Meeting
from teilhabe.planning.models import Concept, FieldOfAction

pytestmark = pytest.mark.django_db


def test_check_assess_agenda_decide(users_by_role: Any, city: Any) -> None:
    fund = Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    year = timezone.localdate().year
    funding.set_budget(fund, year, Decimal("5000"))
    field = FieldOfAction.objects.create(
        concept=Concept.objects.create(slug="wir", title="WIR"), code="HF1", title="Bildung"
    )
    application, _token = applications.start(
        fund,
        year,
        {
            "organisation_name": "Kulturverein Brücke e. V.",
            "contact_name": "Ayşe Demir",
            "contact_email": "demir@bruecke.example",
            "title": "Sprachcafé",
            "field_of_action": field,
            "own_contribution": Decimal("200"),
            "requested": Decimal("1000"),
        },
        [("Honorare", Decimal("1200"))],
    )
    applications.submit(application)
    board = board_world(city)
    meeting: Meeting = board["meeting"]
    meeting.held_on = timezone.localdate() + datetime.timedelta(days=7)
    meeting.save()
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:application_detail", kwargs={"pk": application.pk})
    assert "Ayşe Demir" in client.get(url).content.decode()
    assert (
        client.post(
            url, {"action": "check", "complete": "1", "applicant_actor": board["applicant"].pk}
        ).status_code
        == 302
    )
    refused = client.post(
        url,
        {
            "action": "assess",
            "content": "Passt.",
            "calculation": "Plausibel.",
            "eligible_costs": "1.200,00",
            "recommendation": "teilweise",
            "recommended_amount": "800.00",
        },
    )
    assert refused.status_code == 400 and 'value="800.00"' in refused.content.decode()
    assert (
        client.post(
            url,
            {
                "action": "assess",
                "content": "Passt.",
                "calculation": "Plausibel.",
                "eligible_costs": "1.200,00",
                "recommendation": "teilweise",
                "recommended_amount": "800,00",
            },
        ).status_code
        == 302
    )
    assert client.post(url, {"action": "agenda", "meeting": meeting.pk}).status_code == 302
    application.refresh_from_db()
    item = application.agenda_item
    assert item is not None and item.board_item.applicant == board["applicant"]
    a, b, c, d, _e = board["members"]
    attend(meeting, a, b, c, d)  # c works for the applicant: does not count
    services.record_counts(item, None, yes=3, no=0, abstain=0)
    assert client.post(url, {"action": "decision"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.grant.amount == Decimal("800")
    assert fund_figures(fund, year).free == Decimal("4200")
