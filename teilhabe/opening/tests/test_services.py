"""The rules of the process: the certificate only after every stage and the audit, the
stages in order, a frozen catalogue, the new version as a copy, evidence checked by its
content, and the reminder before a certificate runs out mailed once."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.accounts.roles import Role
from teilhabe.network.catalogue import install_actor_kinds
from teilhabe.network.models import Actor, ActorKind
from teilhabe.opening import catalogue, evidence, reminders, services
from teilhabe.opening.models import (
    AuditRecord,
    Certificate,
    CertificateReminder,
    Criterion,
    Evidence,
    LevelText,
)
from teilhabe.opening.tests.world import START, criteria, make_catalogue, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def process() -> Any:
    install_actor_kinds()
    cat = make_catalogue()
    kita = Actor.objects.create(name="Kita Sonne", kind=ActorKind.objects.get(code="kita"))
    return services.start_process(actor=kita, catalogue=cat, started_on=START)


def _self_check(process: Any) -> None:
    by_code = criteria(process.catalogue)
    services.save_self_check(process, answers={by_code["1.1"].pk: 2}, day=START, user=None)


def _audit(process: Any, recommends: bool = True) -> None:
    services.record_audit(
        process, date=START, auditors="Büro", findings="ok", recommends=recommends, user=None
    )


def test_certificate_refused_until_every_stage_is_done_and_the_audit_recorded(
    process: Any,
) -> None:
    start, measures, audit = process.stages.all()
    with pytest.raises(ValidationError, match="Not every stage is done"):
        services.issue_certificate(process, issued_on=START, user=None)
    _self_check(process)
    services.complete_stage(start, day=START, user=None)
    services.complete_stage(measures, day=START, user=None)
    # two stages of three done, no audit: refused for both reasons
    with pytest.raises(ValidationError) as refused:
        services.issue_certificate(process, issued_on=START, user=None)
    assert len(refused.value.messages) == 2
    assert "The audit is not recorded." in refused.value.messages
    # the audit stage cannot be marked done without the audit record
    with pytest.raises(ValidationError, match="Record the audit first"):
        services.complete_stage(audit, day=START, user=None)
    # an audit that does not recommend it is not enough either
    _audit(process, recommends=False)
    services.complete_stage(audit, day=START, user=None)
    with pytest.raises(ValidationError, match="does not recommend"):
        services.issue_certificate(process, issued_on=START, user=None)
    assert not Certificate.objects.exists()
    _audit(process, recommends=True)
    certificate = services.issue_certificate(process, issued_on=START, user=None)
    assert certificate.catalogue == process.catalogue
    assert certificate.valid_until == datetime.date(2028, 1, 14)  # three years, the day before
    with pytest.raises(ValidationError, match="issued already"):
        services.issue_certificate(process, issued_on=START, user=None)


def test_all_stages_done_but_audit_missing_is_refused(process: Any) -> None:
    """A process whose stages carry no audit stage: done stages alone are not enough."""
    custom = services.start_process(
        actor=Actor.objects.create(name="Verein", kind=ActorKind.objects.get(code="verein")),
        catalogue=process.catalogue,
        started_on=START,
        stages=("measures",),
    )
    services.complete_stage(custom.stages.get(), day=START, user=None)
    with pytest.raises(ValidationError, match="The audit is not recorded"):
        services.issue_certificate(custom, issued_on=START, user=None)
    assert not AuditRecord.objects.exists() and not Certificate.objects.exists()


def test_stages_are_done_in_order_and_the_first_needs_a_self_check(process: Any) -> None:
    start, measures, _audit_stage = process.stages.all()
    with pytest.raises(ValidationError, match="earlier stages"):
        services.complete_stage(measures, day=START, user=None)
    with pytest.raises(ValidationError, match="self-check"):
        services.complete_stage(start, day=START, user=None)


def test_catalogue_named_by_a_certificate_is_frozen_and_a_new_version_is_a_copy(
    process: Any,
) -> None:
    cat = process.catalogue
    _self_check(process)
    for stage in process.stages.all():
        if stage.kind == "audit":
            _audit(process)
        services.complete_stage(stage, day=START, user=None)
    services.issue_certificate(process, issued_on=START, user=None)
    area = cat.areas.first()
    with pytest.raises(ValidationError, match="cannot change"):
        catalogue.add_area(cat, code="neu", title="Neu")
    with pytest.raises(ValidationError, match="cannot change"):
        catalogue.save_criterion(
            Criterion(area=area, code="9", question="x"), levels={0: "a", 1: "b", 2: "c", 3: "d"}
        )
    copy = catalogue.new_version(cat, day=START)
    assert (copy.version, copy.predecessor) == (2, cat)
    assert list(copy.areas.values_list("code", flat=True)) == ["leitung", "zugang"]
    assert Criterion.objects.filter(area__catalogue=copy).count() == 3
    assert LevelText.objects.filter(criterion__area__catalogue=copy).count() == 12
    copied = Criterion.objects.get(area__catalogue=copy, code="3.1")
    assert sorted(k.name for k in copied.evidence_kinds.all()) == [
        "Mehrsprachiges Faltblatt",
        "Türschild",
    ]
    assert all(k.catalogue == copy for k in copied.evidence_kinds.all())
    catalogue.add_area(copy, code="neu", title="Kooperation")  # the copy can change
    with pytest.raises(ValidationError, match="newer version"):
        catalogue.new_version(cat, day=START)


def test_criterion_needs_a_text_for_every_level(process: Any) -> None:
    area = process.catalogue.areas.last()
    copy = catalogue.new_version(process.catalogue, day=START)
    area = copy.areas.get(code="zugang")
    with pytest.raises(ValidationError, match="every level"):
        catalogue.save_criterion(
            Criterion(area=area, code="3.2", question="Türschilder"), levels={0: "a", 1: "b"}
        )


def test_self_check_refuses_levels_and_criteria_outside_the_catalogue(process: Any) -> None:
    by_code = criteria(process.catalogue)
    with pytest.raises(ValidationError, match="between 0 and 3"):
        services.save_self_check(process, answers={by_code["1.1"].pk: 4}, day=START, user=None)
    other = make_catalogue_copy_criterion(process)
    with pytest.raises(ValidationError, match="another catalogue"):
        services.save_self_check(process, answers={other: 1}, day=START, user=None)
    with pytest.raises(ValidationError, match="at least one"):
        services.save_self_check(process, answers={by_code["1.1"].pk: None}, day=START, user=None)


def make_catalogue_copy_criterion(process: Any) -> int:
    copy = catalogue.new_version(process.catalogue, day=START)
    return int(Criterion.objects.filter(area__catalogue=copy).first().pk)


def test_evidence_type_is_decided_by_content_and_leaves_nothing_when_refused(
    process: Any, settings: Any
) -> None:
    fake = SimpleUploadedFile("tuer.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError, match="Only PDF"):
        evidence.upload(process, fake, title="x", criterion=None, kind=None, user=None)
    assert not Evidence.objects.exists()
    assert not [p for p in settings.DOCUMENT_ROOT.rglob("*") if p.is_file()]
    settings.DOCUMENT_MAX_UPLOAD = 10
    with pytest.raises(ValidationError, match="larger than"):
        evidence.upload(process, pdf_upload(), title="x", criterion=None, kind=None, user=None)
    settings.DOCUMENT_MAX_UPLOAD = 10 * 1024 * 1024
    item = evidence.upload(
        process, pdf_upload(), title="Flyer", criterion=None, kind=None, user=None
    )
    assert item.content_type == "application/pdf" and item.status == "submitted"
    with pytest.raises(ValidationError, match="why"):
        evidence.check(item, accepted=False, note=" ", day=START, user=None)
    evidence.check(item, accepted=False, note="Nur deutsch", day=START, user=None)
    item.refresh_from_db()
    assert (item.status, item.note) == ("returned", "Nur deutsch")


def test_reminder_before_expiry_is_mailed_once(process: Any, users_by_role: dict[str, Any]) -> None:
    coordinator = users_by_role[Role.INTEGRATION_COORDINATOR.value]
    coordinator.email = "kim@example.org"
    coordinator.save()
    contact = services.create_contact(
        process.actor, username="kita1", first_name="K", last_name="S", email="kita@example.org"
    )
    _self_check(process)
    for stage in process.stages.all():
        if stage.kind == "audit":
            _audit(process)
        services.complete_stage(stage, day=START, user=None)
    certificate = services.issue_certificate(process, issued_on=START, user=None)
    until = certificate.valid_until
    assert reminders.send_due(until - datetime.timedelta(days=91)) == 0
    assert reminders.send_due(until - datetime.timedelta(days=90)) == 1
    assert reminders.send_due(until - datetime.timedelta(days=89)) == 0
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["kim@example.org", contact.user.email]
    assert "14.01.2028" in mail.outbox[0].subject
    assert CertificateReminder.objects.get().sent_on == until - datetime.timedelta(days=90)


def test_evidence_file_goes_with_its_row(
    process: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from teilhabe.documents import storage

    item = evidence.upload(process, pdf_upload(), title="x", criterion=None, kind=None, user=None)
    assert storage.exists(item.file_id)
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not storage.exists(item.file_id)


def test_daily_job_is_scheduled_and_sends_the_reminders(process: Any) -> None:
    from django_q.models import Schedule

    from teilhabe.opening import jobs

    Schedule.objects.filter(func=jobs.DAILY_TASK).delete()
    jobs.ensure_schedule()
    jobs.ensure_schedule()  # after every migration: still one
    assert Schedule.objects.filter(func=jobs.DAILY_TASK).count() == 1
    assert jobs.daily().startswith("0 certificate reminders sent")


def test_certificate_number_follows_the_highest_of_the_year_and_survives_a_clash(
    process: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _self_check(process)
    for stage in process.stages.all()[:2]:
        services.complete_stage(stage, day=START, user=None)
    _audit(process)
    services.complete_stage(process.stages.all()[2], day=START, user=None)
    other = services.start_process(
        actor=Actor.objects.create(name="Kita Mond", kind=ActorKind.objects.get(code="kita")),
        catalogue=process.catalogue,
        started_on=START,
    )
    # a certificate of the year numbered 007 (an earlier one was withdrawn and deleted)
    first = services.issue_certificate(process, issued_on=START, user=None)
    Certificate.objects.filter(pk=first.pk).update(number=f"IKOE-{START.year}-007")
    assert services.next_certificate_number(START.year) == f"IKOE-{START.year}-008"
    # a concurrent issue took the number read: the next one is taken, no error
    taken = iter([f"IKOE-{START.year}-007", f"IKOE-{START.year}-008"])
    monkeypatch.setattr(services, "next_certificate_number", lambda year: next(taken))
    _self_check(other)
    for stage in other.stages.all()[:2]:
        services.complete_stage(stage, day=START, user=None)
    _audit(other)
    services.complete_stage(other.stages.all()[2], day=START, user=None)
    second = services.issue_certificate(other, issued_on=START, user=None)
    assert second.number == f"IKOE-{START.year}-008"
    assert Certificate.objects.count() == 2
