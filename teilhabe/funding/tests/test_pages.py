"""The funding pages as the coordinator and a team lead use them: keeping a programme
and what depends on it, a stale edit refused, the cliff from a chosen date, the money
of a fund, a budget below what is committed refused, and the start-page warnings."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.funding import services
from teilhabe.funding.models import (
    DependantKind,
    Fund,
    FundingProgramme,
    FundKind,
    ProgrammeDependency,
    StaffPost,
)
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def coordinator(users_by_role: dict[str, Any]) -> Any:
    return signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])


def test_the_coordinator_records_a_programme_and_what_depends_on_it(
    users_by_role: dict[str, Any], provider: Organisation
) -> None:
    client = coordinator(users_by_role)
    response = client.post(
        reverse("funding:programme_create"),
        {
            "code": "SOE",
            "title": "Förderprogramm Südosteuropa",
            "funder": "Land NRW",
            "amount_per_year": "350000",
            "starts_on": "2019-01-01",
            "ends_on": "2024-12-31",
            "legal_basis": "Förderrichtlinie Südosteuropa",
            "contact": "Bezirksregierung Arnsberg, Dezernat 36",
        },
    )
    programme = FundingProgramme.objects.get(code="SOE")
    assert response.status_code == 302 and programme.legal_basis == "Förderrichtlinie Südosteuropa"
    client.post(
        reverse("funding:post_create", kwargs={"pk": programme.pk}),
        {"title": "Sprachmittlung Rumänisch", "organisation": provider.pk, "hours_per_week": "39"},
    )
    client.post(
        reverse("funding:dependant_create", kwargs={"pk": programme.pk}),
        {"kind": DependantKind.OTHER, "label": "Konfliktarbeit im Quartier"},
    )
    page = client.get(reverse("funding:programme_detail", kwargs={"pk": programme.pk}))
    text = page.content.decode()
    assert "Sprachmittlung Rumänisch" in text and "Konfliktarbeit im Quartier" in text
    assert "350.000,00" in text and "31.12.2024" in text
    cliff = client.get(reverse("funding:cliff") + "?stichtag=01.07.2024").content.decode()
    assert "Sprachmittlung Rumänisch" in cliff and "Konfliktarbeit im Quartier" in cliff
    later = client.get(reverse("funding:cliff") + "?stichtag=2025-01-01").content.decode()
    assert "Sprachmittlung Rumänisch" not in later


def test_a_post_without_hours_and_a_period_ending_before_it_starts_are_refused(
    users_by_role: dict[str, Any], provider: Organisation
) -> None:
    client = coordinator(users_by_role)
    programme = FundingProgramme.objects.create(code="P", title="P")
    response = client.post(
        reverse("funding:post_create", kwargs={"pk": programme.pk}),
        {"title": "Stelle", "organisation": provider.pk, "hours_per_week": "0"},
    )
    assert response.status_code == 400 and not StaffPost.objects.exists()
    response = client.post(
        reverse("funding:programme_edit", kwargs={"pk": programme.pk}),
        {"code": "P", "title": "P", "starts_on": "2025-01-01", "ends_on": "2024-12-31"},
    )
    assert response.status_code == 400
    assert FundingProgramme.objects.get(pk=programme.pk).ends_on is None


def test_a_stale_edit_of_a_programme_is_refused(users_by_role: dict[str, Any]) -> None:
    client = coordinator(users_by_role)
    programme = FundingProgramme.objects.create(code="P", title="Alt")
    url = reverse("funding:programme_edit", kwargs={"pk": programme.pk})
    assert client.post(url, {"code": "P", "title": "Erste", "version": 1}).status_code == 302
    stale = client.post(url, {"code": "P", "title": "Zweite", "version": 1})
    assert stale.status_code == 400
    assert FundingProgramme.objects.get(pk=programme.pk).title == "Erste"


def test_a_team_lead_reads_but_does_not_keep(users_by_role: dict[str, Any]) -> None:
    programme = FundingProgramme.objects.create(code="P", title="P")
    client = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    page = client.get(reverse("funding:programme_detail", kwargs={"pk": programme.pk}))
    assert page.status_code == 200
    assert (
        reverse("funding:programme_edit", kwargs={"pk": programme.pk}) not in page.content.decode()
    )


def test_the_fund_pages_show_the_money_and_refuse_a_budget_below_the_commitments(
    users_by_role: dict[str, Any],
) -> None:
    fund = Fund.objects.create(name="Kleinprojekte", kind=FundKind.SMALL_PROJECTS)
    services.set_budget(fund, 2024, Decimal("50000"))
    services.commit(fund, 2024, Decimal("12000"), "A", datetime.date(2024, 1, 15))
    services.pay(fund, 2024, Decimal("4500.50"), "A 1", datetime.date(2024, 2, 1))
    client = coordinator(users_by_role)
    detail = client.get(reverse("funding:fund_detail", kwargs={"pk": fund.pk}) + "?jahr=2024")
    text = detail.content.decode()
    for amount in ("50.000,00", "12.000,00", "4.500,50", "7.499,50", "38.000,00"):
        assert amount in text
    listing = client.get(reverse("funding:fund_list") + "?jahr=2024").content.decode()
    assert "38.000,00" in listing
    url = reverse("funding:budget_set", kwargs={"pk": fund.pk})
    refused = client.post(url, {"year": "2024", "amount": "11999,99"})
    assert refused.status_code == 400 and "12.000,00" in refused.content.decode()
    assert client.post(url, {"year": "2024", "amount": "20000"}).status_code == 302
    assert fund.budgets.get(year=2024).amount == Decimal("20000")


def test_the_start_page_warns_the_coordinator_and_the_team_lead_concerned(
    users_by_role: dict[str, Any], provider: Organisation, city: Organisation
) -> None:
    soon = timezone.localdate() + datetime.timedelta(days=100)
    programme = FundingProgramme.objects.create(code="SOE", title="Südosteuropa", ends_on=soon)
    StaffPost.objects.create(
        programme=programme, title="Sprachmittlung", organisation=provider, hours_per_week=39
    )
    ProgrammeDependency.objects.create(
        programme=programme, kind=DependantKind.OTHER, label="Konfliktarbeit", organisation=city
    )
    FundingProgramme.objects.create(
        code="FERN", title="Fernes Programm", ends_on=soon + datetime.timedelta(days=400)
    )
    home = reverse("core:dashboard")
    city_view = coordinator(users_by_role).get(home).content.decode()
    assert "Südosteuropa" in city_view and "Konfliktarbeit" in city_view
    assert "Fernes Programm" not in city_view
    lead_view = signed_in_client(users_by_role[Role.TEAM_LEAD.value]).get(home).content.decode()
    assert "Sprachmittlung" in lead_view and "Konfliktarbeit" not in lead_view
    counsellor = signed_in_client(users_by_role[Role.COUNSELLOR.value]).get(home).content.decode()
    assert "Südosteuropa" not in counsellor
