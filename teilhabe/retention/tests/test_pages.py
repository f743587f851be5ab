"""The data-protection officer's page, the administrator's periods, the nightly job
and the command line."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_q.models import OrmQ, Schedule

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation
from teilhabe.retention import jobs
from teilhabe.retention.models import LegalHold, RetentionPeriod, RetentionRun
from teilhabe.retention.tests.world import case, person

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_case(provider: Organisation, settings: Any) -> Case:
    settings.TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS = False
    today = timezone.localdate()
    closed = datetime.date(today.year - 4, 12, 31)  # due since 1 January of this year
    return case(
        person(provider, "Kovalenko"),
        "MBE",
        closed - datetime.timedelta(days=30),
        closed,
        number="F-77",
    )


def test_the_dpo_sees_the_dry_run_without_names(
    users_by_role: dict[str, Any], due_case: Case
) -> None:
    client = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    page = client.get(reverse("retention:overview"), HTTP_ACCEPT_LANGUAGE="de")
    assert page.status_code == 200
    html = page.content.decode()
    assert "F-77" in html and f"01.01.{timezone.localdate().year}" in html
    assert "1 Fall würde gelöscht" in html or "1 case would be deleted" in html
    assert "Kovalenko" not in html
    assert Case.objects.filter(pk=due_case.pk).exists()  # looking deletes nothing


@pytest.mark.parametrize(
    "role", [r.value for r in Role if r != Role.DATA_PROTECTION_OFFICER] + ["none"]
)
def test_no_other_role_sees_or_runs_the_deletion(
    users_by_role: dict[str, Any], due_case: Case, role: str
) -> None:
    client = signed_in_client(users_by_role[role])
    assert client.get(reverse("retention:overview")).status_code == 403
    answer = client.post(reverse("retention:run"), {"bestaetigt": "ja"})
    assert answer.status_code == 403
    assert not RetentionRun.objects.exists()


def test_running_now_needs_confirmation_and_goes_on_the_queue(
    users_by_role: dict[str, Any], due_case: Case
) -> None:
    dpo = users_by_role[Role.DATA_PROTECTION_OFFICER.value]
    client = signed_in_client(dpo)
    client.post(reverse("retention:run"))
    assert not RetentionRun.objects.exists() and not OrmQ.objects.exists()

    client.post(reverse("retention:run"), {"bestaetigt": "ja"})
    run = RetentionRun.objects.get()
    assert run.status == RetentionRun.Status.QUEUED and run.started_by == dpo
    assert OrmQ.objects.count() == 1
    client.post(reverse("retention:run"), {"bestaetigt": "ja"})  # one run at a time
    assert RetentionRun.objects.count() == 1

    jobs.run_queued(run.pk)  # what the worker does with the queued task
    run.refresh_from_db()
    assert run.status == RetentionRun.Status.DONE and run.cases == 1 and run.persons == 1
    assert not Case.objects.filter(pk=due_case.pk).exists()
    entry = LogEntry.objects.get(action=LogEntry.Action.DELETE, content_type__model="case")
    assert entry.actor == dpo and entry.additional_data["loeschlauf"] == run.pk
    history = client.get(reverse("retention:overview")).content.decode()
    assert "Nothing is due" in history or "Nichts ist fällig" in history


def test_the_dpo_keeps_a_case_on_hold_and_releases_it(
    users_by_role: dict[str, Any], due_case: Case
) -> None:
    client = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    client.post(reverse("retention:hold", args=[due_case.pk]), {"grund": ""})
    assert not LegalHold.objects.exists()  # a hold needs a reason
    client.post(reverse("retention:hold", args=[due_case.pk]), {"grund": "Prüfung BAMF"})
    assert LegalHold.objects.get(case=due_case).reason == "Prüfung BAMF"
    page = client.get(reverse("retention:overview")).content.decode()
    assert "Prüfung BAMF" in page and reverse("retention:release", args=[due_case.pk]) in page
    jobs.nightly_deletion()
    assert Case.objects.filter(pk=due_case.pk).exists()
    client.post(reverse("retention:release", args=[due_case.pk]))
    jobs.nightly_deletion()
    assert not Case.objects.filter(pk=due_case.pk).exists()


def test_the_administrator_sets_the_periods(users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.ADMINISTRATOR.value])
    page = client.get(reverse("retention:periods"))
    assert page.status_code == 200 and 'name="dienst_MBE"' in page.content.decode()
    data = {name: "3" for name in page.context["form"].fields}
    bad = client.post(reverse("retention:periods"), {**data, "dienst_MBE": "0"})
    assert bad.status_code == 200 and not RetentionPeriod.objects.filter(years=0).exists()
    assert not RetentionPeriod.objects.filter(service__code="MBE").exists()
    client.post(reverse("retention:periods"), {**data, "dienst_MBE": "6"})
    assert RetentionPeriod.objects.get(service__code="MBE").years == 6
    assert LogEntry.objects.filter(content_type__model="retentionperiod").exists()
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    assert dpo.get(reverse("retention:periods")).status_code == 403


def test_the_nightly_job_is_scheduled_once() -> None:
    # created when the database was migrated (post_migrate), and again idempotently
    assert Schedule.objects.filter(func=jobs.NIGHTLY_TASK).count() == 1
    jobs.ensure_schedule()
    schedule = Schedule.objects.get(func=jobs.NIGHTLY_TASK)
    assert schedule.schedule_type == Schedule.DAILY
    assert timezone.localtime(schedule.next_run).time() == datetime.time(2, 30)


def test_next_night_is_today_before_half_past_two_and_tomorrow_after() -> None:
    berlin = timezone.get_current_timezone()
    early = datetime.datetime(2026, 3, 10, 1, 0, tzinfo=berlin)
    late = datetime.datetime(2026, 3, 10, 2, 30, tzinfo=berlin)
    assert jobs.next_night(early) == datetime.datetime(2026, 3, 10, 2, 30, tzinfo=berlin)
    assert jobs.next_night(late) == datetime.datetime(2026, 3, 11, 2, 30, tzinfo=berlin)


def test_the_command_counts_then_deletes(due_case: Case, monkeypatch: Any) -> None:
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # English messages (cli.md)
    out = StringIO()
    last_year = timezone.localdate().year - 1
    call_command("retention", "--dry-run", "--datum", f"31.12.{last_year}", stdout=out)
    assert "Would delete: 0 cases" in out.getvalue()  # the day before it is due
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "Diakonie Teststadt;MBE;1" in out.getvalue()
    assert "1 cases, 1 persons, 0 households" in out.getvalue()
    assert Case.objects.filter(pk=due_case.pk).exists()
    out = StringIO()
    call_command("retention", stdout=out)
    assert "Deleted: 1 cases, 1 persons, 0 households" in out.getvalue()
    assert not Case.objects.filter(pk=due_case.pk).exists()
    assert RetentionRun.objects.get().started_by is None


def test_the_dashboard_shows_the_dpo_what_is_due(
    users_by_role: dict[str, Any], due_case: Case
) -> None:
    dpo = signed_in_client(users_by_role[Role.DATA_PROTECTION_OFFICER.value])
    html = dpo.get(reverse("core:dashboard")).content.decode()
    assert reverse("retention:overview") in html
    counsellor = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    assert (
        reverse("retention:overview")
        not in counsellor.get(reverse("core:dashboard")).content.decode()
    )
