"""The deletion run: what goes with a case, which persons stay, the audit log, the dry
run, and the closed years' figures."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from teilhabe.accounts.roles import Role
from teilhabe.casework import handover, services
from teilhabe.casework.models import (
    Case,
    Consent,
    Goal,
    GoalStatusChange,
    Household,
    Person,
    Referral,
    Session,
)
from teilhabe.conftest import make_user
from teilhabe.organisations.models import Organisation
from teilhabe.programmes import services as programme_services
from teilhabe.programmes.tests.world import programme_of
from teilhabe.reports import freeze
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.retention import selectors
from teilhabe.retention import services as retention
from teilhabe.retention.models import RetentionRun
from teilhabe.retention.tests.world import D, case, consent, person

pytestmark = pytest.mark.django_db
TODAY = D(2025, 1, 1)  # cases closed in 2021 or earlier are due (three years)


@pytest.fixture
def no_waiting(settings: Any) -> None:
    settings.TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS = False


@pytest.fixture
def world(provider: Organisation, city: Organisation, no_waiting: None) -> dict[str, Any]:
    """Anna: a due MBE case (with a hand-over) and an open JMD case -> stays.
    Boris: only a due case -> goes, with his household and Daria, present at a session.
    Chris: co-counselled in Boris's case and in Anna's open case -> stays.
    Emil: co-counselled in Boris's case, contact person of a programme family -> stays."""
    counsellor = make_user("berater", provider, Role.COUNSELLOR)
    household = Household.objects.create(organisation=provider, external_id="H-1")
    anna = person(provider, "Anna")
    boris = person(provider, "Kovalenko", household=household, phone="0170 123")
    daria = person(provider, "Daria", household=household)
    chris = person(provider, "Chris")
    family, emil = programme_services.create_family(
        provider.pk, programme_services.NewFamily(first_name="Emil", last_name="Khalil")
    )
    programme_services.enrol(
        programme=programme_of(provider, "HIPPY", "HIPPY"),
        household=family,
        contact_person=emil,
        start_date=D(2020, 9, 1),
    )
    anna_due = case(anna, "MBE", D(2019, 2, 1), D(2021, 12, 31), number="F-1")
    anna_open = case(anna, "JMD", D(2023, 1, 1))
    boris_due = case(boris, "MBE", D(2020, 3, 1), D(2021, 6, 30), number="F-2")
    anna_open.co_counselled.add(chris)
    boris_due.co_counselled.add(chris, emil)
    session = services.record_session(
        boris_due, author=None, present=[boris, daria], date=D(2020, 4, 1), notes="Gesundheit"
    )
    goal = services.add_goal(
        boris_due, user=None, area="sprachlich", text="B1", agreed_on=D(2020, 4, 1)
    )
    services.change_goal_status(goal, status="erreicht", set_on=D(2021, 5, 1), user=None)
    used = consent(anna, city, D(2020, 1, 1), counsellor)
    unused = consent(anna, city, D(2020, 2, 1), counsellor)
    referral = handover.propose(anna_due, consent=used, kind="clearing", note="", user=counsellor)
    boris_consent = consent(boris, city, D(2020, 3, 1), counsellor)
    not_due = case(person(provider, "Frida"), "MBE", D(2022, 1, 1), D(2022, 1, 2))
    return {
        "anna": anna,
        "boris": boris,
        "daria": daria,
        "chris": chris,
        "emil": emil,
        "household": household,
        "family": family,
        "anna_due": anna_due,
        "anna_open": anna_open,
        "boris_due": boris_due,
        "not_due": not_due,
        "session": session,
        "goal": goal,
        "used": used,
        "unused": unused,
        "referral": referral,
        "boris_consent": boris_consent,
    }


def exists(instance: Any) -> bool:
    return type(instance).objects.filter(pk=instance.pk).exists()


def test_dry_run_lists_what_goes_and_deletes_nothing(world: dict[str, Any]) -> None:
    counts = [m.objects.count() for m in (Case, Person, Session, Goal, Consent, Household)]
    planned = selectors.plan(TODAY)
    # by organisation, service and closing date
    assert [c.pk for c in planned.cases] == [world["boris_due"].pk, world["anna_due"].pk]
    assert planned.cases[0].due_on == D(2025, 1, 1) and planned.cases[0].external_id == "F-2"
    assert planned.cases[0].closed_on == D(2021, 6, 30)
    assert planned.persons == sorted([world["boris"].pk, world["daria"].pk])
    assert planned.persons_kept == sorted([world["anna"].pk, world["chris"].pk, world["emil"].pk])
    assert planned.households == [world["household"].pk]
    assert planned.per_service() == [
        {"organisation": "Diakonie Teststadt", "service": "MBE", "cases": 2}
    ]
    assert [m.objects.count() for m in (Case, Person, Session, Goal, Consent, Household)] == counts
    assert RetentionRun.objects.count() == 0


def test_a_run_deletes_cases_with_what_hangs_off_them_and_keeps_linked_persons(
    world: dict[str, Any],
) -> None:
    run = retention.run_now(TODAY)
    assert run.status == RetentionRun.Status.DONE and run.reference_date == TODAY
    assert (run.cases, run.persons, run.households, run.sessions, run.goals) == (2, 2, 1, 1, 1)
    assert run.persons_kept == 3 and run.waiting == 0
    assert run.per_service == [{"organisation": "Diakonie Teststadt", "service": "MBE", "cases": 2}]
    for gone in ("anna_due", "boris_due", "session", "goal", "referral", "used", "boris"):
        assert not exists(world[gone]), gone
    for gone in ("daria", "household", "boris_consent"):
        assert not exists(world[gone]), gone
    assert not GoalStatusChange.objects.exists()
    for kept in ("anna", "anna_open", "chris", "emil", "family", "unused", "not_due"):
        assert exists(world[kept]), kept
    # what the planned list said is what the run did: nothing is left to do
    assert selectors.plan(TODAY).cases == []
    assert retention.run_now(TODAY).cases == 0


def test_every_deletion_has_its_own_audit_entry_and_no_personal_values_stay(
    world: dict[str, Any],
) -> None:
    boris_pk, case_pk = world["boris"].pk, world["boris_due"].pk
    person_type = ContentType.objects.get_for_model(Person)
    assert LogEntry.objects.filter(content_type=person_type, object_pk=str(boris_pk)).exists()
    run = retention.run_now(TODAY)

    deletions = LogEntry.objects.filter(action=LogEntry.Action.DELETE)
    logged = sorted((e.content_type.model, int(e.object_pk)) for e in deletions)
    assert logged == sorted(
        [
            ("case", world["anna_due"].pk),
            ("case", case_pk),
            ("person", boris_pk),
            ("person", world["daria"].pk),
            ("household", world["household"].pk),
        ]
    )  # one per case, person and household; sessions and goals are counted in the case's
    for entry in deletions:
        assert entry.actor is None and entry.additional_data["loeschlauf"] == run.pk
    case_entry = deletions.get(content_type__model="case", object_pk=str(case_pk))
    assert case_entry.additional_data["beratungssitzungen"] == 1
    assert case_entry.additional_data["ziele"] == 1
    assert case_entry.additional_data["faellig"] == "2025-01-01"
    assert case_entry.additional_data["fallnummer"] == "F-2"

    # earlier entries stay (who, when, which record) but not the deleted values
    earlier = LogEntry.objects.filter(content_type=person_type, object_pk=str(boris_pk))
    assert earlier.count() >= 2
    assert {e.object_repr for e in earlier} == {f"person {boris_pk}"}
    for text in ("Kovalenko", "0170 123", "Gesundheit"):
        mentions = Q(object_repr__contains=text) | Q(changes__icontains=text)
        assert not LogEntry.objects.filter(mentions).exists(), text
    # a person who stays keeps the full history
    anna_entries = LogEntry.objects.filter(
        content_type=person_type, object_pk=str(world["anna"].pk)
    )
    assert anna_entries.filter(changes__isnull=False).exists()


def test_a_closed_year_keeps_its_figures_after_the_deletion(
    provider: Organisation, settings: Any
) -> None:
    lead = make_user("leitung", provider, Role.TEAM_LEAD)
    for number in range(3):
        client = person(provider, f"Client{number}", birth_year=1990, country_of_origin="UA")
        due = case(client, "MBE", D(2021, 2, 1), D(2021, 9, 30))
        services.record_session(due, author=None, present=[client], date=D(2021, 3, 1))
    waiting = case(person(provider, "Jmd"), "JMD", D(2021, 2, 1), D(2021, 3, 1))
    mbe, jmd = Scope((provider.pk,), ("MBE",)), Scope((provider.pk,), ("JMD",))
    freeze.close_year(mbe, 2021, lead, today=TODAY)
    before = json.dumps(freeze.figures_for(mbe, 2021))
    jmd_before = json.dumps(freeze.figures_for(jmd, 2021))
    assert json.loads(before)["faelle"] == 3 and json.loads(jmd_before)["faelle"] == 1

    run = retention.run_now(TODAY)
    assert run.cases == 3 and run.waiting == 1  # JMD 2021 is not closed: it waits
    assert annual_figures(mbe, 2021)["faelle"] == 0  # the cases are gone ...
    assert json.dumps(freeze.figures_for(mbe, 2021)) == before  # ... the report is not
    assert json.dumps(freeze.figures_for(jmd, 2021)) == jmd_before
    assert Case.objects.filter(pk=waiting.pk).exists()


def test_a_failing_case_marks_the_run_failed(world: dict[str, Any], monkeypatch: Any) -> None:
    def broken(*_args: Any) -> bool:
        raise RuntimeError("disk full")

    monkeypatch.setattr(retention, "_delete_case", broken)
    with pytest.raises(RuntimeError):
        retention.run_now(TODAY)
    run = RetentionRun.objects.get()
    assert run.status == RetentionRun.Status.FAILED and "disk full" in run.error
    assert Case.objects.filter(pk=world["boris_due"].pk).exists()


def test_runs_of_a_dead_worker_end_as_failed() -> None:
    from django.utils import timezone

    from teilhabe.core.jobs import recover_interrupted

    now = timezone.now()
    hours = datetime.timedelta(hours=1)
    running = RetentionRun.objects.create(status="running", started_at=now - 2 * hours)
    recent = RetentionRun.objects.create(status="running", started_at=now - hours / 6)
    lost = RetentionRun.objects.create(status="queued")
    waiting = RetentionRun.objects.create(status="queued")
    RetentionRun.objects.filter(pk=lost.pk).update(created_at=now - 7 * hours)
    recover_interrupted()  # the heartbeat: past the queue's timeout (1 h) or lost
    states = dict(RetentionRun.objects.values_list("pk", "status"))
    assert [states[r.pk] for r in (running, recent, lost, waiting)] == [
        "failed",
        "running",
        "failed",
        "queued",
    ]
    recover_interrupted(at_startup=True)  # the worker starts: nothing of it still runs
    assert RetentionRun.objects.get(pk=recent.pk).status == "failed"
    assert RetentionRun.objects.get(pk=waiting.pk).status == "queued"  # still on the queue


def test_only_one_run_at_a_time(no_waiting: None) -> None:
    first = retention.start_run()
    with pytest.raises(retention.RunRefused):
        retention.start_run()
    retention.execute(first, TODAY)
    assert retention.start_run().pk != first.pk


def test_a_referral_into_a_deleted_case_stays_at_its_source(
    world: dict[str, Any], city: Organisation
) -> None:
    # Anna's hand-over was accepted at the city; the city's case is due earlier.
    referral: Referral = world["referral"]
    received = case(person(city, "Copy"), "KIM", D(2019, 3, 1), D(2019, 4, 1))
    Referral.objects.filter(pk=referral.pk).update(target_case=received, status="accepted")
    retention.run_now(D(2023, 1, 1))  # only the city's case (closed 2019) is due
    assert not exists(received)
    referral.refresh_from_db()
    assert referral.target_case is None and exists(world["anna_due"])
