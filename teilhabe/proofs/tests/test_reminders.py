"""Reminders before and after the due date (30.06.2026), day by day as the daily job
sees them: one 14 days before, then every 7 days from the day after the due date while
overdue; never twice a day; none once submitted."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail

from teilhabe.proofs import jobs, reminders, services
from teilhabe.proofs.models import ProofOfUse, ProofReminder
from teilhabe.proofs.tests.files import CSV_CP1252
from teilhabe.proofs.tests.world import granted

pytestmark = pytest.mark.django_db
DUE = datetime.date(2026, 6, 30)


def _proof() -> ProofOfUse:
    grant, _token = granted()
    proof = services.proof_for(grant)
    assert proof.due_on == DUE
    return proof


def _run(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Runs the job for every day of [first, last]; the days a mail went out."""
    days = []
    day = first
    while day <= last:
        before = len(mail.outbox)
        reminders.send_due(day)
        if len(mail.outbox) > before:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def test_one_reminder_before_and_overdue_reminders_every_week() -> None:
    _proof()
    sent = _run(datetime.date(2026, 6, 10), datetime.date(2026, 7, 20))
    assert sent == [
        datetime.date(2026, 6, 16),  # 14 days before
        datetime.date(2026, 7, 1),  # the day after the due date
        datetime.date(2026, 7, 8),
        datetime.date(2026, 7, 15),
    ]
    assert mail.outbox[0].to == ["demir@bruecke.example"]
    assert "30.06.2026" in mail.outbox[0].subject
    assert "overdue" in mail.outbox[1].subject.lower() or "30.06.2026" in mail.outbox[1].body


def test_running_twice_a_day_mails_once() -> None:
    _proof()
    assert reminders.send_due(datetime.date(2026, 7, 1)) == 1
    assert reminders.send_due(datetime.date(2026, 7, 1)) == 0
    assert len(mail.outbox) == 1
    assert ProofReminder.objects.count() == 1


def test_a_missed_week_is_caught_up_on_the_next_run() -> None:
    _proof()
    reminders.send_due(datetime.date(2026, 7, 1))
    # the worker was down from 02.07. to 10.07.: the run of 11.07. sends the overdue one
    assert reminders.send_due(datetime.date(2026, 7, 11)) == 1


def test_a_submitted_proof_gets_no_reminders() -> None:
    proof = _proof()
    services.upload_receipts(proof, "Belegliste.csv", io.BytesIO(CSV_CP1252))
    services.save_report(proof, "Bericht", Decimal("500"))
    services.submit(proof)
    assert _run(datetime.date(2026, 6, 10), datetime.date(2026, 7, 20)) == []


def test_the_daily_job_opens_proofs_of_new_grants_and_is_scheduled() -> None:
    from django_q.models import Schedule

    granted()
    assert ProofOfUse.objects.count() == 0
    assert jobs.daily().startswith("1 proofs opened")
    assert ProofOfUse.objects.count() == 1
    assert jobs.daily().startswith("0 proofs opened")
    jobs.ensure_schedule()
    jobs.ensure_schedule()
    assert Schedule.objects.filter(func=jobs.DAILY_TASK).count() == 1
