"""The deletion run and the settings around it (docs/privacy.md, "Deletion periods").

A run deletes, one case per transaction, every case that `selectors.plan` finds due and
not waiting; with it go its sessions, goals and goal history and its hand-overs, and the
consents that only those hand-overs used. Then every person the deleted cases named who
has nothing left (selectors.deletable_persons), and households left empty.

The audit log: django-auditlog would write a DELETE entry for every cascaded row with
all of its old values — the very data being deleted. So auditlog is switched off while
deleting, and the run writes one entry per deleted case, person and household itself
(no values; `additional_data` names the run and counts what went with the record).
Earlier entries about the deleted records keep who, when, what action and which record
number, but lose their values and their display text (which for a person is the name).
"""

from __future__ import annotations

import datetime
from typing import Any

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Count, F, Model, ProtectedError, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

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
from teilhabe.organisations.models import Service
from teilhabe.retention import selectors
from teilhabe.retention.models import LegalHold, RetentionPeriod, RetentionRun

# A run still queued after this long will not be served: its task is lost.
QUEUED_FOR = datetime.timedelta(hours=6)
PROGRESS_EVERY = 100  # cases between saves of the run's counts


class RunRefused(Exception):
    """Another run is queued or running."""


def start_run(user: Any = None) -> RetentionRun:
    """Records a queued run (the view then puts it on the queue); one at a time."""
    with transaction.atomic():
        fail_interrupted_runs()
        if selectors.active_run() is not None:
            raise RunRefused
        return RetentionRun.objects.create(started_by=user)


def fail_interrupted_runs(at_startup: bool = False) -> int:
    """Marks as failed the runs whose worker is gone (registered with the core's
    recovery, core/jobs.py): every running run when the worker starts again (one worker
    per installation), else a run older than the queue's timeout, after which django-q
    has stopped it anyway; and a run queued for longer than QUEUED_FOR, whose task is
    lost. What such a run deleted stays deleted and logged: each case is committed."""
    now = timezone.now()
    timeout = int(str(settings.Q_CLUSTER.get("timeout") or 3600))
    lease = now - datetime.timedelta(seconds=timeout + 60)
    running = Q(status=RetentionRun.Status.RUNNING)
    if not at_startup:
        running &= Q(started_at__lt=lease)
    lost = Q(status=RetentionRun.Status.QUEUED, created_at__lt=now - QUEUED_FOR)
    return RetentionRun.objects.filter(running | lost).update(
        status=RetentionRun.Status.FAILED, error="interrupted", finished_at=now
    )


def execute(run: RetentionRun, today: datetime.date | None = None) -> RetentionRun:
    """Deletes what is due on `today` (default: today in Europe/Berlin)."""
    today = today or timezone.localdate()
    run.status = RetentionRun.Status.RUNNING
    run.reference_date = today
    run.started_at = timezone.now()
    run.save(update_fields=["status", "reference_date", "started_at"])
    try:
        _delete_due(run, today)
    except Exception as error:
        run.status = RetentionRun.Status.FAILED
        run.error = f"{type(error).__name__}: {error}"[:2000]
        run.finished_at = timezone.now()
        run.save()
        raise
    run.status = RetentionRun.Status.DONE
    run.finished_at = timezone.now()
    run.save()
    return run


def run_now(today: datetime.date | None = None, user: Any = None) -> RetentionRun:
    """Start and execute a run in this process (nightly job, command line)."""
    return execute(start_run(user), today)


def _delete_due(run: RetentionRun, today: datetime.date) -> None:
    planned = selectors.plan(today)
    run.waiting = len(planned.waiting)
    deleted: list[selectors.DueCase] = []
    candidates: set[int] = set()
    still_due = selectors.due_cases_query(today)
    for due in planned.cases:
        named = selectors.persons_of_cases([due.pk])
        if _delete_case(run, due, still_due):
            deleted.append(due)
            candidates.update(named)
            run.cases = len(deleted)
            if run.cases % PROGRESS_EVERY == 0:  # a killed worker leaves true counts
                run.save(update_fields=["cases", "sessions", "goals", "waiting"])
    run.per_service = selectors.Plan(today, cases=deleted).per_service()
    # Links to the deleted cases are gone now: what is left decides.
    persons = selectors.deletable_persons(sorted(candidates), excluded_cases=[])
    run.persons_kept = len(candidates) - len(persons)
    households = set(selectors.households_of_persons(persons))
    for person_id in persons:
        run.persons += _delete_person(run, person_id)
    for household_id in selectors.deletable_households(sorted(households), excluded_persons=[]):
        run.households += _delete_household(run, household_id)


def _delete_case(run: RetentionRun, due: selectors.DueCase, still_due: Q) -> bool:
    with transaction.atomic():
        # Checked again inside the transaction: reopened, re-dated or held meanwhile?
        case = (
            Case.objects.select_for_update()
            .filter(pk=due.pk, closed_on=due.closed_on)
            .filter(still_due)
            .first()
        )
        if case is None or LegalHold.objects.filter(case_id=case.pk).exists():
            return False
        sessions = list(Session.objects.filter(case=case).values_list("pk", flat=True))
        goals = list(Goal.objects.filter(case=case).values_list("pk", flat=True))
        changes = list(
            GoalStatusChange.objects.filter(goal__case=case).values_list("pk", flat=True)
        )
        referrals = list(Referral.objects.filter(source_case=case).values_list("pk", flat=True))
        consents = list(
            Referral.objects.filter(source_case=case).values_list("consent_id", flat=True)
        )
        with disable_auditlog():
            case.delete()
            # a consent given only for this case's hand-overs has served its purpose
            unused = (
                Consent.objects.filter(pk__in=consents)
                .annotate(uses=Count("referrals"))
                .filter(uses=0)
            )
            consents = list(unused.values_list("pk", flat=True))
            Consent.objects.filter(pk__in=consents).delete()
        for model, ids in (
            (Case, [due.pk]),
            (Session, sessions),
            (Goal, goals),
            (GoalStatusChange, changes),
            (Referral, referrals),
            (Consent, consents),
        ):
            _redact_entries(model, ids)
        _log_deletion(
            run,
            Case,
            due.pk,
            {
                "dienst": due.service,
                "fallnummer": due.external_id,
                "abgeschlossen": due.closed_on.isoformat(),
                "faellig": due.due_on.isoformat(),
                "beratungssitzungen": len(sessions),
                "ziele": len(goals),
                "uebergaben": len(referrals),
                "einwilligungen": len(consents),
            },
        )
        run.sessions += len(sessions)
        run.goals += len(goals)
        return True


def _delete_person(run: RetentionRun, person_id: int) -> int:
    try:
        return _delete_person_now(run, person_id)
    except ProtectedError:  # a link selectors does not know yet: keep, never fail the run
        return 0


def _delete_person_now(run: RetentionRun, person_id: int) -> int:
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(pk=person_id).first()
        # checked again: a case may have been opened for the person meanwhile
        if person is None or not selectors.deletable_persons([person_id], excluded_cases=[]):
            return 0
        consents = list(Consent.objects.filter(person=person).values_list("pk", flat=True))
        with disable_auditlog():
            person.delete()
        _redact_entries(Person, [person_id])
        _redact_entries(Consent, consents)
        _log_deletion(
            run,
            Person,
            person_id,
            {"personennummer": person.external_id, "einwilligungen": len(consents)},
        )
        return 1


def _delete_household(run: RetentionRun, household_id: int) -> int:
    with transaction.atomic():
        household = Household.objects.select_for_update().filter(pk=household_id).first()
        if household is None or not selectors.deletable_households(
            [household_id], excluded_persons=[]
        ):
            return 0
        with disable_auditlog():
            household.delete()
        _redact_entries(Household, [household_id])
        _log_deletion(run, Household, household_id, {"haushaltsnummer": household.external_id})
        return 1


def _label(model: type[Model]) -> str:
    return model._meta.model_name or model.__name__.lower()


def _redact_entries(model: type[Model], ids: list[int]) -> None:
    """Earlier audit entries of deleted records keep who, when, which action and which
    record, but not the values (which are the deleted data) nor the display text."""
    content_type = ContentType.objects.get_for_model(model)
    for part in selectors.chunks(ids):
        LogEntry.objects.filter(
            content_type=content_type, object_pk__in=[str(pk) for pk in part]
        ).update(
            changes=None,
            changes_text="",
            serialized_data=None,
            object_repr=Concat(
                Value(_label(model) + " "), Cast(F("object_pk"), output_field=CharField())
            ),
        )


def _log_deletion(run: RetentionRun, model: type[Model], pk: int, details: dict[str, Any]) -> None:
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(pk),
        object_id=pk,
        object_repr=f"{_label(model)} {pk}",
        action=LogEntry.Action.DELETE,
        actor=run.started_by,
        changes=None,
        additional_data={"loeschlauf": run.pk, "grund": "loeschfrist", **details},
    )


def set_periods(years_by_code: dict[str, int], user: Any) -> None:
    """The administrator sets the period per service (in the audit log)."""
    for service in Service.objects.filter(code__in=years_by_code):
        period, _created = RetentionPeriod.objects.get_or_create(
            service=service, defaults={"years": years_by_code[service.code], "changed_by": user}
        )
        if period.years != years_by_code[service.code]:
            period.years = years_by_code[service.code]
            period.changed_by = user
            period.save()


def set_hold(case: Case, reason: str, user: Any) -> LegalHold:
    hold, _created = LegalHold.objects.update_or_create(
        case=case, defaults={"reason": reason.strip(), "set_by": user}
    )
    return hold


def release_hold(hold: LegalHold) -> None:
    hold.delete()
