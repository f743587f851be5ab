"""Clearing to case management: the figures against a hand count; the QM counsellor
records, the KIM case manager accepts (the case-management case opens) or returns with
a recommendation; nobody outside the two services sees the clearing or the name."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.casework import handover
from teilhabe.casework.models import Referral
from teilhabe.casework.models.codes import CaseKind
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.mediation import clearing
from teilhabe.mediation.criteria import install_default_criteria
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion, ClearingStatus
from teilhabe.mediation.tests.world import clearing_referral
from teilhabe.organisations.models import Organisation, Service

UTC = datetime.UTC


def at(day: int, hour: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, tzinfo=UTC)


def test_figures_by_hand() -> None:
    result = clearing.tally(
        [
            (ClearingStatus.ACCEPTED, at(1), at(3)),  # 2 days
            (ClearingStatus.ACCEPTED, at(2), at(2, 12)),  # 0.5 days
            (ClearingStatus.RETURNED, at(4), at(14)),  # 10 days
            (ClearingStatus.RETURNED, at(5), at(9)),  # 4 days
            (ClearingStatus.OPEN, at(20), None),  # not decided: no time
        ]
    )
    assert (result.clearings, result.accepted, result.returned, result.open) == (5, 2, 2, 1)
    assert result.median_days == pytest.approx(3.0)  # (2 + 4) / 2
    assert result.mean_days == pytest.approx(4.125)  # 16.5 / 4
    empty = clearing.tally([])
    assert (empty.clearings, empty.median_days, empty.mean_days) == (0, None, None)


@pytest.fixture
def world(
    provider: Organisation, city: Organisation, users_by_role: dict[str, Any]
) -> dict[str, Any]:
    install_default_criteria()
    kim = make_user("kim_cm", city, Role.COUNSELLOR.value)
    return {"referral": clearing_referral(provider, users_by_role["counsellor"]), "kim": kim}


def record_form(referral: Referral, *codes: str) -> dict[str, Any]:
    criteria = ClearingCriterion.objects.filter(code__in=codes)
    return {
        "referral": referral.pk,
        "criteria": [c.pk for c in criteria],
        "assessment": "Räumungsklage, Schulden, Kinder ohne Schulplatz",
    }


@pytest.mark.django_db
def test_default_checklist_is_installed() -> None:
    install_default_criteria()
    install_default_criteria()  # twice: nothing doubled
    codes = set(ClearingCriterion.objects.values_list("code", flat=True))
    assert codes == {
        "wohnen", "arbeit", "gesundheit", "bildung", "aufenthalt", "schulden", "familie", "sprache"
    }  # fmt: skip


@pytest.mark.django_db
def test_qm_records_and_case_manager_accepts(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    qm = signed_in_client(users_by_role["counsellor"])
    referral = world["referral"]
    # a single life area is no clearing for case management
    response = qm.post(reverse("mediation:clearing_create"), record_form(referral, "wohnen"))
    assert response.status_code == 400
    assert not Clearing.objects.exists()
    form = record_form(referral, "wohnen", "schulden", "bildung")
    response = qm.post(reverse("mediation:clearing_create"), form)
    assert response.status_code == 302
    item = Clearing.objects.get()
    assert item.status == ClearingStatus.OPEN and item.criteria.count() == 3
    # the sending side sees it but cannot decide
    page = qm.get(reverse("mediation:clearing_detail", args=[item.pk])).content.decode()
    assert "Mirela Dragan" in page and "clearing_decide" not in page
    assert "entscheiden" not in page
    refused = qm.post(
        reverse("mediation:clearing_decide", args=[item.pk]), {"decision": "annehmen"}
    )
    assert refused.status_code == 400

    kim = signed_in_client(world["kim"])
    page = kim.get(reverse("mediation:clearing_detail", args=[item.pk])).content.decode()
    assert "Mirela Dragan" in page and "Schulden" in page
    response = kim.post(
        reverse("mediation:clearing_decide", args=[item.pk]), {"decision": "annehmen"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ClearingStatus.ACCEPTED and item.decided_by == world["kim"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED
    assert referral.target_case is not None
    assert referral.target_case.kind == CaseKind.CASE_MANAGEMENT
    assert referral.target_case.service == Service.objects.get(code="KIM")
    # accepted: the case manager still sees it through the new case; decided only once
    assert kim.get(reverse("mediation:clearing_detail", args=[item.pk])).status_code == 200
    with pytest.raises(ValidationError):
        clearing.give_back(item, recommendation="x", user=world["kim"])


@pytest.mark.django_db
def test_case_manager_returns_with_a_recommendation(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    item = clearing.record(
        world["referral"],
        criteria=ClearingCriterion.objects.filter(code__in=["arbeit", "sprache"]),
        assessment="Arbeit und Sprache",
        mediator=None,
        user=users_by_role["counsellor"],
    )
    kim = signed_in_client(world["kim"])
    url = reverse("mediation:clearing_decide", args=[item.pk])
    assert kim.post(url, {"decision": "zurueck", "recommendation": " "}).status_code == 400
    item.refresh_from_db()
    assert item.status == ClearingStatus.OPEN
    response = kim.post(url, {"decision": "zurueck", "recommendation": "Weiter in der MBE"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.recommendation) == (ClearingStatus.RETURNED, "Weiter in der MBE")
    assert item.referral.status == Referral.Status.DECLINED
    # the case manager who returned it still finds it, with the recommendation
    returned = kim.get(reverse("mediation:clearing_detail", args=[item.pk])).content.decode()
    assert "Weiter in der MBE" in returned
    qm = signed_in_client(users_by_role["counsellor"])
    page = qm.get(reverse("mediation:clearing_list") + f"?jahr={item.recorded_at.year}")
    assert "Mirela Dragan" in page.content.decode()


@pytest.mark.django_db
def test_nobody_else_sees_a_clearing(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Organisation
) -> None:
    item = clearing.record(
        world["referral"],
        criteria=ClearingCriterion.objects.filter(code__in=["arbeit", "sprache"]),
        assessment="Arbeit und Sprache",
        mediator=None,
        user=users_by_role["counsellor"],
    )
    detail = reverse("mediation:clearing_detail", args=[item.pk])
    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)  # not her case
    other = Organisation.objects.create(slug="andere", name="Andere")
    strangers = [colleague, make_user("fremd", other, Role.COUNSELLOR.value)]
    for user in strangers:
        client = signed_in_client(user)
        assert client.get(detail).status_code == 404
        listing = client.get(reverse("mediation:clearing_list")).content.decode()
        assert "Dragan" not in listing
        decide = reverse("mediation:clearing_decide", args=[item.pk])
        assert client.post(decide, {"decision": "annehmen"}).status_code == 404
    # a withdrawn consent takes the waiting clearing from the case manager
    handover.withdraw(item.referral.consent)
    assert signed_in_client(world["kim"]).get(detail).status_code == 404


@pytest.mark.django_db
def test_a_hand_over_decided_in_the_casework_inbox_counts_as_decided(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    item = clearing.record(
        world["referral"],
        criteria=ClearingCriterion.objects.filter(code__in=["arbeit", "sprache"]),
        assessment="Arbeit und Sprache",
        mediator=None,
        user=users_by_role["counsellor"],
    )
    handover.accept(item.referral, user=world["kim"])
    result = clearing.figures(Clearing.objects.all(), item.recorded_at.year)
    assert (result.clearings, result.accepted, result.open) == (1, 1, 0)
    assert result.median_days is not None and result.median_days >= 0
    assert not clearing.can_decide(world["kim"], Clearing.objects.get())


@pytest.mark.django_db
def test_the_start_page_tells_the_case_manager_what_waits(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    kim = signed_in_client(world["kim"])
    assert (
        reverse("mediation:clearing_list")
        not in kim.get(reverse("core:dashboard")).content.decode()
    )
    clearing.record(
        world["referral"],
        criteria=ClearingCriterion.objects.filter(code__in=["arbeit", "sprache"]),
        assessment="Arbeit und Sprache",
        mediator=None,
        user=users_by_role["counsellor"],
    )
    page = kim.get(reverse("core:dashboard")).content.decode()
    assert reverse("mediation:clearing_list") in page
    qm = signed_in_client(users_by_role["counsellor"]).get(reverse("core:dashboard"))
    assert reverse("mediation:clearing_list") not in qm.content.decode()


@pytest.mark.django_db
def test_the_administrator_keeps_the_checklist(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    admin = signed_in_client(users_by_role["administrator"])
    response = admin.post(
        reverse("mediation:criterion_create"),
        {"code": "sucht", "label": "Sucht", "order": "90", "is_active": "on"},
    )
    assert response.status_code == 302
    housing = ClearingCriterion.objects.get(code="wohnen")
    # switched off, renamed; the code stays whatever is posted
    url = reverse("mediation:criterion_edit", args=[housing.pk])
    response = admin.post(url, {"code": "anders", "label": "Wohnen und Obdach", "order": "10"})
    assert response.status_code == 302
    housing.refresh_from_db()
    assert (housing.code, housing.label, housing.is_active) == (
        "wohnen",
        "Wohnen und Obdach",
        False,
    )
    qm = signed_in_client(users_by_role["counsellor"])
    form = qm.get(reverse("mediation:clearing_create")).content.decode()
    assert "Sucht" in form and "Wohnen und Obdach" not in form
