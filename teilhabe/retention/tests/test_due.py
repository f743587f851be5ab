"""Which cases are due on which day: the period counts from the end of the year the
case was closed in (hand-computed boundary days), and what keeps a due case."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.organisations.models import Organisation, Service
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope
from teilhabe.retention import selectors, services
from teilhabe.retention.models import LegalHold
from teilhabe.retention.tests.world import D, case, person

pytestmark = pytest.mark.django_db


def due_ids(day: Any) -> set[int]:
    planned = selectors.plan(day)
    return {c.pk for c in planned.cases} | {c.pk for c in planned.waiting}


def test_due_on_is_the_first_of_january_after_the_period() -> None:
    # closed in 2022, three years: kept through 31.12.2025, due on 01.01.2026
    assert selectors.due_on(D(2022, 1, 1), 3) == D(2026, 1, 1)
    assert selectors.due_on(D(2022, 12, 31), 3) == D(2026, 1, 1)
    assert selectors.due_on(D(2020, 6, 15), 5) == D(2026, 1, 1)


def test_boundary_days_and_periods_per_service(provider: Organisation) -> None:
    client = person(provider, "Nowak")
    first_day = case(client, "MBE", D(2021, 5, 1), D(2022, 1, 1))
    last_day = case(client, "MBE", D(2022, 5, 1), D(2022, 12, 31))
    next_year = case(client, "MBE", D(2022, 5, 1), D(2023, 1, 1))
    jmd_2020 = case(client, "JMD", D(2020, 1, 1), D(2020, 6, 15))
    jmd_2021 = case(client, "JMD", D(2020, 1, 1), D(2021, 1, 1))
    still_open = case(client, "IKB", D(2001, 1, 1))
    services.set_periods({"JMD": 5}, user=None)

    assert due_ids(D(2025, 12, 31)) == set()
    # MBE: three years after 2022; JMD: five years after 2020
    assert due_ids(D(2026, 1, 1)) == {first_day.pk, last_day.pk, jmd_2020.pk}
    assert due_ids(D(2026, 12, 31)) == {first_day.pk, last_day.pk, jmd_2020.pk}
    assert due_ids(D(2027, 1, 1)) == {
        first_day.pk,
        last_day.pk,
        next_year.pk,
        jmd_2020.pk,
        jmd_2021.pk,
    }
    assert still_open.pk not in due_ids(D(2099, 1, 1))  # an open case is never due


def test_a_due_case_waits_until_its_years_are_closed(provider: Organisation) -> None:
    from teilhabe.accounts.roles import Role
    from teilhabe.conftest import make_user

    lead = make_user("leitung", provider, Role.TEAM_LEAD)
    due = case(person(provider, "Haddad"), "MBE", D(2020, 11, 1), D(2021, 2, 1))
    planned = selectors.plan(D(2025, 1, 1))
    assert planned.cases == [] and [c.pk for c in planned.waiting] == [due.pk]
    assert planned.waiting[0].waiting == selectors.WAIT_YEAR_OPEN
    assert planned.waiting[0].open_years == (2020, 2021)
    assert planned.waiting_for_years() == [
        {"organisation": provider.name, "service": "MBE", "years": "2020, 2021", "cases": 1}
    ]

    # 2021 closed for MBE together with JMD: only 2020 is missing
    freeze.close_year(Scope((provider.pk,), ("JMD", "MBE")), 2021, lead, today=D(2025, 1, 1))
    assert selectors.plan(D(2025, 1, 1)).waiting[0].open_years == (2020,)
    # a report over another kind of case does not close the year for this case
    freeze.close_year(
        Scope((provider.pk,), ("MBE",), ("case_management",)), 2020, lead, today=D(2025, 1, 1)
    )
    assert selectors.plan(D(2025, 1, 1)).waiting[0].open_years == (2020,)
    freeze.close_year(Scope((provider.pk,), ("MBE",)), 2020, lead, today=D(2025, 1, 1))
    assert [c.pk for c in selectors.plan(D(2025, 1, 1)).cases] == [due.pk]


def test_waiting_for_closed_years_can_be_switched_off(
    provider: Organisation, settings: Any
) -> None:
    settings.TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS = False
    due = case(person(provider, "Haddad"), "MBE", D(2020, 11, 1), D(2021, 2, 1))
    assert [c.pk for c in selectors.plan(D(2025, 1, 1)).cases] == [due.pk]


def test_a_legal_hold_keeps_a_due_case(provider: Organisation, settings: Any) -> None:
    settings.TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS = False
    held = case(person(provider, "Yilmaz"), "MBE", D(2019, 1, 1), D(2019, 3, 1))
    services.set_hold(held, "Klage beim Sozialgericht", user=None)
    planned = selectors.plan(D(2025, 1, 1))
    assert planned.cases == [] and planned.waiting[0].waiting == selectors.WAIT_HOLD
    assert planned.waiting[0].hold_reason == "Klage beim Sozialgericht"
    run = services.run_now(D(2025, 1, 1))
    assert run.cases == 0 and run.waiting == 1
    services.release_hold(LegalHold.objects.get(case=held))
    assert services.run_now(D(2025, 1, 1)).cases == 1


def test_periods_default_to_three_years_and_are_kept_per_service() -> None:
    assert set(selectors.periods().values()) == {3}
    services.set_periods({"MBE": 10, "JMD": 3}, user=None)
    years = selectors.periods()
    assert years[Service.objects.get(code="MBE").pk] == 10
    assert years[Service.objects.get(code="IKB").pk] == 3
