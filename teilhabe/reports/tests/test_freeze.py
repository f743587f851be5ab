"""Closed years: the report of a closed year stays the same after the cases are deleted;
a year that is not closed is computed from the cases."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.statistics import city_counts, city_statistics
from teilhabe.reports.tests.city_world import YEAR, build, delete_cases

pytestmark = pytest.mark.django_db
TODAY = datetime.date(YEAR + 2, 3, 1)


@pytest.fixture
def world() -> dict[str, Any]:
    world = build()
    world["lead"] = make_user("leitung", world["organisations"]["diakonie"], Role.TEAM_LEAD)
    world["scope"] = Scope((world["organisations"]["diakonie"].pk,), ("MBE", "JMD"))
    return world


def test_an_open_year_is_computed_exactly_as_annual_figures(world: dict[str, Any]) -> None:
    scope = world["scope"]
    assert freeze.frozen_report(scope, YEAR) is None
    assert json.dumps(freeze.figures_for(scope, YEAR)) == json.dumps(annual_figures(scope, YEAR))


def test_a_closed_year_survives_the_deletion_of_its_cases(world: dict[str, Any]) -> None:
    scope, lead = world["scope"], world["lead"]
    before = annual_figures(scope, YEAR)
    following_before = annual_figures(scope, YEAR + 1)
    assert before["ratsuchende"] == 26 and following_before["ratsuchende"] == 26  # still open
    report = freeze.close_year(scope, YEAR, lead, today=TODAY)
    assert report.services == "JMD,MBE" and report.kinds == "" and report.frozen_by == lead

    delete_cases(world["organisations"]["diakonie"])
    assert annual_figures(scope, YEAR)["ratsuchende"] == 0  # the cases are gone ...
    after = freeze.figures_for(scope, YEAR)
    assert after == before  # ... the closed year is not
    assert json.dumps(after) == json.dumps(before)  # not even the order of the shares
    assert freeze.figures_for(scope, YEAR, with_previous=False) == {
        key: value for key, value in before.items() if key != "vorjahr"
    }
    # The scope is exactly the one closed: services in another order are the same scope,
    # another set of services or of case kinds is not.
    assert freeze.figures_for(Scope(scope.organisation_ids, ("MBE", "JMD")), YEAR) == before
    assert freeze.figures_for(Scope(scope.organisation_ids, ("MBE",)), YEAR)["ratsuchende"] == 0
    kinds = Scope(scope.organisation_ids, scope.services, ("beratung",))
    assert freeze.figures_for(kinds, YEAR)["ratsuchende"] == 0

    # The following year is not closed: computed from the (now missing) cases, with the
    # closed year as its previous year.
    following = freeze.figures_for(scope, YEAR + 1)
    assert following["ratsuchende"] == 0
    assert following["vorjahr"] == {k: v for k, v in before.items() if k != "vorjahr"}


def test_closing_is_refused_for_a_running_year_twice_and_across_organisations(
    world: dict[str, Any],
) -> None:
    scope, lead = world["scope"], world["lead"]
    with pytest.raises(freeze.ClosingRefused):
        freeze.close_year(scope, TODAY.year, lead, today=TODAY)
    freeze.close_year(scope, YEAR, lead, today=TODAY)
    with pytest.raises(freeze.ClosingRefused):
        freeze.close_year(Scope(scope.organisation_ids, ("MBE", "JMD")), YEAR, lead, today=TODAY)
    both = Scope(
        (world["organisations"]["diakonie"].pk, world["organisations"]["stadt"].pk), ("MBE",)
    )
    with pytest.raises(freeze.ClosingRefused):
        freeze.close_year(both, YEAR, lead, today=TODAY)
    assert FrozenReport.objects.count() == 1


def test_reopening_recomputes_and_is_logged(world: dict[str, Any]) -> None:
    scope, lead = world["scope"], world["lead"]
    with set_actor(lead):
        report = freeze.close_year(scope, YEAR, lead, today=TODAY)
    delete_cases(world["organisations"]["diakonie"])
    with pytest.raises(freeze.ClosingRefused):
        freeze.reopen_year(report, lead, "  ")  # a reason is required
    with set_actor(lead):
        freeze.reopen_year(report, lead, "Korrektur der Zugangswege")
    assert freeze.figures_for(scope, YEAR)["ratsuchende"] == 0  # computed again
    report.refresh_from_db()
    assert report.reopened_by == lead and report.figures["ratsuchende"] == 26  # kept
    entries = LogEntry.objects.get_for_object(report).order_by("timestamp")
    assert [entry.action for entry in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries[1].actor == lead
    assert "Korrektur der Zugangswege" in json.dumps(entries[1].changes_dict)
    with pytest.raises(freeze.ClosingRefused):
        freeze.reopen_year(report, lead, "noch einmal")
    # closed again: a new row, with the figures of now
    again = freeze.close_year(scope, YEAR, lead, today=TODAY)
    assert again.pk != report.pk and freeze.figures_for(scope, YEAR)["ratsuchende"] == 0


def test_team_leads_close_only_their_own_services(world: dict[str, Any]) -> None:
    diakonie, stadt = world["organisations"]["diakonie"], world["organisations"]["stadt"]
    led = freeze.led_services(world["lead"])
    assert led == {diakonie.pk: {"MBE", "JMD", "IKB"}}
    assert freeze.may_close(led, diakonie.pk, ["MBE", "JMD"])
    assert not freeze.may_close(led, diakonie.pk, ["MBE", "KIM"])
    assert not freeze.may_close(led, stadt.pk, ["KIM"])
    assert not freeze.may_close(led, diakonie.pk, [])
    counsellor = make_user("beraterin", diakonie, Role.COUNSELLOR)
    assert freeze.led_services(counsellor) == {}


def test_city_statistics_keep_the_counts_of_a_closed_year(world: dict[str, Any]) -> None:
    before = city_counts(YEAR)
    published_before = city_statistics(YEAR, threshold=3)
    freeze.close_year(world["scope"], YEAR, world["lead"], today=TODAY)
    delete_cases(world["organisations"]["diakonie"])
    assert city_counts(YEAR) == before  # MBE and JMD from the closed year, KIM computed
    assert city_statistics(YEAR, threshold=3) == published_before
    assert "MBE" not in city_counts(YEAR + 1)  # the next year is not closed


def test_a_report_over_some_case_kinds_stores_no_city_counts(world: dict[str, Any]) -> None:
    scope = Scope(world["scope"].organisation_ids, ("MBE",), ("case_management",))
    report = freeze.close_year(scope, YEAR, world["lead"], today=TODAY)
    assert report.kinds == "case_management" and report.city_counts is None
    assert freeze.figures_for(scope, YEAR)["faelle"] == 0
