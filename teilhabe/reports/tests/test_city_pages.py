"""The pages: city-wide statistics for the city's coordination and statistics roles
(refused to everyone else, no person anywhere), and closing a year for team leads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.tests.city_world import SURNAMES, YEAR, build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    settings.SMALL_NUMBER_THRESHOLD = 3
    world = build()
    diakonie = world["organisations"]["diakonie"]
    world["statistics"] = make_user("statistik", world["organisations"]["stadt"], Role.STATISTICS)
    world["coordinator"] = make_user(
        "kim", world["organisations"]["stadt"], Role.INTEGRATION_COORDINATOR
    )
    world["lead"] = make_user("leitung", diakonie, Role.TEAM_LEAD)
    world["counsellor"] = make_user("berater", diakonie, Role.COUNSELLOR)
    return world


def _page(client: Client, **query: Any) -> str:
    response = client.get(reverse("statistics:city"), {"jahr": YEAR, **query})
    assert response.status_code == 200
    return response.content.decode()


def test_the_statistics_office_sees_protected_tables_without_persons(world: dict[str, Any]) -> None:
    for role in ("statistics", "coordinator"):
        with translation.override("en"):
            html = _page(signed_in_client(world[role]))
        assert "Fälle nach Wohnstadtteil und Dienst" in html
        assert "nicht veröffentlicht" in html and "•" in html
        assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html
        for surname in SURNAMES:
            assert surname not in html
        for first_name in Person.objects.values_list("first_name", flat=True):
            assert first_name not in html
        assert "/fallarbeit/" not in html  # no link to any case or person


def test_the_filter_shows_chosen_services_with_totals_over_all(world: dict[str, Any]) -> None:
    client = signed_in_client(world["statistics"])
    html = _page(client, dienst=["MBE"])
    assert ">MBE</th>" in html and ">KIM</th>" not in html
    assert ">34<" in html  # the cases of all services
    assert "<table" not in _page(client, jahr=1999)  # no such year: the form says so


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exports_are_the_published_tables(world: dict[str, Any], fmt: str) -> None:
    client = signed_in_client(world["statistics"])
    response = client.get(reverse("statistics:city_export", kwargs={"fmt": fmt}), {"jahr": YEAR})
    assert response.status_code == 200
    assert f"statistik-{YEAR}.{fmt}" in response["Content-Disposition"]
    text = response.content.decode()
    for surname in SURNAMES:
        assert surname not in text
    if fmt == "json":
        districts = json.loads(text)["tabellen"]["stadtteile"]
        assert districts["werte"][2][2] is None  # West, MBE: 1 case
    assert client.get(reverse("statistics:city_export", kwargs={"fmt": "xml"})).status_code == 404


def test_everyone_else_is_refused(world: dict[str, Any]) -> None:
    for role in ("lead", "counsellor"):
        client = signed_in_client(world[role])
        assert client.get(reverse("statistics:city")).status_code == 403
        export = reverse("statistics:city_export", kwargs={"fmt": "json"})
        assert client.get(export).status_code == 403
    for role in ("statistics", "coordinator", "counsellor"):
        client = signed_in_client(world[role])
        assert client.get(reverse("statistics:closing")).status_code == 403
        assert client.post(reverse("statistics:close"), {"jahr": YEAR}).status_code == 403


def _scope(world: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"organisation": "diakonie", "dienst": ["JMD", "MBE"], "art": "", "jahr": YEAR, **extra}


def test_a_team_lead_closes_and_reopens_a_year(world: dict[str, Any]) -> None:
    client = signed_in_client(world["lead"])
    with translation.override("en"):
        page = client.get(reverse("statistics:closing")).content.decode()
        assert "Ein Jahr abschließen" in page and "Noch kein Jahr abgeschlossen." in page
        confirm = client.get(reverse("statistics:close"), _scope(world))
        assert confirm.status_code == 200
        assert f"Jahr {YEAR} abschließen" in confirm.content.decode()
        assert ">26<" in confirm.content.decode()  # clients of MBE and JMD
    assert not FrozenReport.objects.exists()  # looking is not closing

    response = client.post(reverse("statistics:close"), _scope(world))
    assert response.status_code == 302
    report = FrozenReport.objects.get()
    assert (report.services, report.year, report.frozen_by) == ("JMD,MBE", YEAR, world["lead"])
    assert client.post(reverse("statistics:close"), _scope(world)).status_code == 302
    assert FrozenReport.objects.count() == 1  # the second closing is refused

    reopen = reverse("statistics:reopen")
    assert client.get(reopen, {"bericht": report.pk}).status_code == 200
    with translation.override("en"):
        refused = client.post(reopen, {"bericht": report.pk, "grund": ""})
    assert refused.status_code == 200 and FrozenReport.objects.get().reopened_at is None
    assert client.post(reopen, {"bericht": report.pk, "grund": "Korrektur"}).status_code == 302
    report.refresh_from_db()
    assert report.reopen_reason == "Korrektur" and report.reopened_by == world["lead"]
    entry = LogEntry.objects.get_for_object(report).latest("timestamp")
    assert entry.actor == world["lead"] and entry.action == LogEntry.Action.UPDATE
    assert client.get(reopen, {"bericht": report.pk}).status_code == 404  # open already


def test_a_team_lead_cannot_close_or_reopen_for_others(world: dict[str, Any]) -> None:
    stadt = world["organisations"]["stadt"]
    other_lead = make_user("leitung_stadt", stadt, Role.TEAM_LEAD)
    client = signed_in_client(world["lead"])
    with translation.override("en"):
        foreign = client.post(
            reverse("statistics:close"), _scope(world, organisation="stadt", dienst=["KIM"])
        )
    assert foreign.status_code == 200  # the form, with the error
    assert not FrozenReport.objects.exists()
    with translation.override("en"):
        running = client.post(reverse("statistics:close"), _scope(world, jahr=YEAR + 50))
    assert running.status_code == 200 and not FrozenReport.objects.exists()

    signed_in_client(other_lead).post(
        reverse("statistics:close"), {"organisation": "stadt", "dienst": ["KIM"], "jahr": YEAR}
    )
    theirs = FrozenReport.objects.get()
    assert client.get(reverse("statistics:reopen"), {"bericht": theirs.pk}).status_code == 404
    response = client.post(reverse("statistics:reopen"), {"bericht": theirs.pk, "grund": "x"})
    assert response.status_code == 404
    assert "leitung_stadt" not in client.get(reverse("statistics:closing")).content.decode()
