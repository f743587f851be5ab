"""Write paths of the coaching process: start, contact persons' sign-ins, self-checks,
sessions, agreed measures, stages, the audit and the certificate.

Bad input raises `ValidationError` with a message for the form and stores nothing. Who
may call what is decided in access.py and checked by the views; the services check the
rules of the process itself (the order of the stages, the certificate only after every
stage and the audit).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.accounts.services import create_user
from teilhabe.network.models import Actor
from teilhabe.opening.models import (
    AgreedMeasure,
    AuditRecord,
    Catalogue,
    Certificate,
    CoachingSession,
    Criterion,
    InstitutionContact,
    Process,
    SelfCheck,
    SelfCheckAnswer,
    Stage,
)
from teilhabe.opening.models_process import StageKind
from teilhabe.planning.models import Measure

DEFAULT_STAGES = (StageKind.START, StageKind.MEASURES, StageKind.AUDIT)


def _user(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


@transaction.atomic
def start_process(
    *,
    actor: Actor,
    catalogue: Catalogue,
    started_on: datetime.date,
    coach: User | None = None,
    stages: tuple[str, ...] = DEFAULT_STAGES,
) -> Process:
    if Process.objects.filter(actor=actor, certificate__isnull=True).exists():
        raise ValidationError(_("This institution is already in a coaching process."))
    process = Process(actor=actor, catalogue=catalogue, started_on=started_on, coach=coach)
    process.full_clean()
    process.save()
    Stage.objects.bulk_create(
        Stage(process=process, position=n, kind=kind) for n, kind in enumerate(stages, start=1)
    )
    return process


@transaction.atomic
def create_contact(
    actor: Actor,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    password: str | None = None,
) -> InstitutionContact:
    """A new sign-in for the institution. Without a password the user sets one through a
    one-time link (accounts.services.reset_link_path) the coordinator hands over."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("This user name is taken."))
    user = create_user(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        password=password,
    )
    return InstitutionContact.objects.create(user=user, actor=actor)


@transaction.atomic
def save_self_check(
    process: Process, *, answers: Mapping[int, int | None], day: datetime.date, user: Any
) -> SelfCheck:
    """`answers`: criterion pk -> level, None for a criterion left unanswered."""
    catalogue = process.catalogue
    criteria = set(Criterion.objects.filter(area__catalogue=catalogue).values_list("pk", flat=True))
    given = {pk: level for pk, level in answers.items() if level is not None}
    if set(given) - criteria:
        raise ValidationError(_("A criterion belongs to another catalogue."))
    if any(not 0 <= level <= catalogue.top_level for level in given.values()):
        raise ValidationError(
            _("A level lies between 0 and %(top)s.") % {"top": catalogue.top_level}
        )
    if not given:
        raise ValidationError(_("Answer at least one criterion."))
    check = SelfCheck.objects.create(
        process=process, catalogue=catalogue, date=day, answered_by=_user(user)
    )
    SelfCheckAnswer.objects.bulk_create(
        SelfCheckAnswer(self_check=check, criterion_id=pk, level=level)
        for pk, level in given.items()
    )
    return check


def record_session(
    process: Process, *, date: datetime.date, topics: str, stage: Stage | None, user: Any
) -> CoachingSession:
    if stage is not None and stage.process_id != process.pk:
        raise ValidationError(_("The stage belongs to another process."))
    if date < process.started_on:
        raise ValidationError(_("A session cannot lie before the start of the process."))
    session = CoachingSession(
        process=process, stage=stage, date=date, topics=topics.strip(), recorded_by=_user(user)
    )
    session.full_clean()
    session.save()
    return session


def agree_measure(
    process: Process,
    *,
    title: str,
    agreed_on: datetime.date,
    due_on: datetime.date | None = None,
    plan_measure: Measure | None = None,
) -> AgreedMeasure:
    if due_on is not None and due_on < agreed_on:
        raise ValidationError(_("A measure cannot be due before it was agreed."))
    measure = AgreedMeasure(
        process=process,
        title=title.strip(),
        agreed_on=agreed_on,
        due_on=due_on,
        plan_measure=plan_measure,
    )
    measure.full_clean()
    measure.save()
    return measure


@transaction.atomic
def complete_measure(measure: AgreedMeasure, *, day: datetime.date) -> AgreedMeasure:
    """Marks an agreed measure done (the audit log keeps who did it and when)."""
    measure = AgreedMeasure.objects.select_for_update().get(pk=measure.pk)
    if measure.done_on is not None:
        raise ValidationError(_("This measure is done already."))
    if day < measure.agreed_on:
        raise ValidationError(_("A measure cannot be done before it was agreed."))
    if day > timezone.localdate():
        raise ValidationError(_("A measure cannot be marked done in advance."))
    measure.done_on = day
    measure.save(update_fields=["done_on"])
    return measure


@transaction.atomic
def complete_stage(stage: Stage, *, day: datetime.date, user: Any) -> Stage:
    """Marks the stage done. The stages are done in their order; the first needs a
    self-check, the audit stage the audit record."""
    stage = Stage.objects.select_for_update().select_related("process").get(pk=stage.pk)
    process = stage.process
    if stage.done_on is not None:
        raise ValidationError(_("This stage is done already."))
    if process.stages.filter(position__lt=stage.position, done_on__isnull=True).exists():
        raise ValidationError(_("Complete the earlier stages first."))
    if stage.kind == StageKind.START and not process.self_checks.exists():
        raise ValidationError(_("The institution has not answered a self-check yet."))
    if stage.kind == StageKind.AUDIT and not AuditRecord.objects.filter(process=process).exists():
        raise ValidationError(_("Record the audit first."))
    if day < process.started_on:
        raise ValidationError(_("A stage cannot be done before the start of the process."))
    stage.done_on, stage.done_by = day, _user(user)
    stage.save(update_fields=["done_on", "done_by"])
    return stage


def record_audit(
    process: Process,
    *,
    date: datetime.date,
    auditors: str,
    findings: str,
    recommends: bool,
    user: Any,
) -> AuditRecord:
    if Certificate.objects.filter(process=process).exists():
        raise ValidationError(_("The certificate is issued; the audit cannot change."))
    if date < process.started_on:
        raise ValidationError(_("The audit cannot lie before the start of the process."))
    record = AuditRecord.objects.filter(process=process).first() or AuditRecord(process=process)
    record.date, record.auditors, record.findings = date, auditors.strip(), findings.strip()
    record.recommends, record.recorded_by = recommends, _user(user)
    record.full_clean()
    record.save()
    return record


def certificate_problems(process: Process) -> list[str]:
    """Why no certificate can be issued for the process yet; empty when it can."""
    problems = []
    if Certificate.objects.filter(process=process).exists():
        problems.append(_("The certificate of this process is issued already."))
    open_stages = [str(s) for s in process.stages.filter(done_on__isnull=True)]
    if open_stages:
        problems.append(
            _("Not every stage is done: %(stages)s.") % {"stages": ", ".join(open_stages)}
        )
    audit = AuditRecord.objects.filter(process=process).first()
    if audit is None:
        problems.append(_("The audit is not recorded."))
    elif not audit.recommends:
        problems.append(_("The audit does not recommend the certificate."))
    return problems


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def issue_certificate(process: Process, *, issued_on: datetime.date, user: Any) -> Certificate:
    """The coordinator's decision. Refused unless every stage is done and the audit is
    recorded with a recommendation. Valid for the catalogue's years, up to the day before
    the anniversary of the issue."""
    process = Process.objects.select_for_update().select_related("catalogue").get(pk=process.pk)
    problems = certificate_problems(process)
    if problems:
        raise ValidationError(problems)
    audit = process.audit
    if issued_on < audit.date:
        raise ValidationError(_("The certificate cannot be issued before the audit."))
    catalogue = process.catalogue
    valid_until = add_years(issued_on, catalogue.valid_years) - datetime.timedelta(days=1)
    certificate = Certificate(
        process=process,
        actor=process.actor,
        catalogue=catalogue,
        number=next_certificate_number(issued_on.year),
        issued_on=issued_on,
        valid_until=valid_until,
        decided_by=_user(user),
    )
    certificate.full_clean(exclude=["number"])  # unique in the database, see below
    # Two coordinators issuing certificates of two institutions at the same moment read
    # the same highest number; the unique number lets one of them wait and fail, and it
    # takes the next number (a savepoint keeps the transaction usable).
    for _attempt in range(NUMBER_ATTEMPTS - 1):
        try:
            with transaction.atomic():
                certificate.save()
            return certificate
        except IntegrityError:
            certificate.pk = None
            certificate.number = next_certificate_number(issued_on.year)
    certificate.save()
    return certificate


NUMBER_ATTEMPTS = 5


def next_certificate_number(year: int) -> str:
    """IKOE-<year>-<n>: one more than the year's highest number (not the count, which a
    deleted certificate would make give an existing number again)."""
    prefix = f"IKOE-{year}-"
    numbers = Certificate.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    tails = (number.removeprefix(prefix) for number in numbers)
    highest = max((int(tail) for tail in tails if tail.isdigit()), default=0)
    return f"{prefix}{highest + 1:03d}"
