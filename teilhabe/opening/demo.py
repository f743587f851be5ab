"""The demo of intercultural opening: a catalogue modelled on the Jena criteria (seed
001: quality criteria for the certificate "interculturally opened institution", tried in
a three-stage coaching, with a category of evidence and a self-check), and two
institutions in coaching: the day-care centre "Kita Sonnenblume" in its second stage
(contact sign-in "kita"), and a primary school certified almost three years ago, so its
certificate runs out soon and the coordinator's start page asks for the renewal.

Everything goes through the app's services; dates count back from today."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.network.catalogue import install_actor_kinds
from teilhabe.network.models import Actor, ActorKind
from teilhabe.opening import catalogue, evidence, services
from teilhabe.opening.models import Catalogue, Criterion, EvidenceKind, Process
from teilhabe.planning.models import Measure

DATA = Path(__file__).resolve().parent / "data" / "demo.json"


def _catalogue(spec: dict[str, Any], day: datetime.date) -> Catalogue:
    cat = catalogue.create_catalogue(
        title=spec["title"], top_level=spec["top_level"], valid_years=spec["valid_years"], day=day
    )
    kinds = {name: catalogue.add_evidence_kind(cat, name=name) for name in spec["evidence_kinds"]}
    levels = dict(enumerate(spec["levels"]))
    for area_spec in spec["areas"]:
        area = catalogue.add_area(cat, code=area_spec["code"], title=area_spec["title"])
        for item in area_spec["criteria"]:
            catalogue.save_criterion(
                Criterion(area=area, code=item["code"], question=item["question"]),
                levels=levels,
                evidence_kinds=[kinds[name] for name in item["evidence"]],
            )
    return cat


def _png(text: str) -> bytes:
    """A small door sign as a PNG (Pillow comes with WeasyPrint)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 120), "white")
    ImageDraw.Draw(image).text((16, 50), text, fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<< /Type /Catalog >>endobj\ntrailer<< /Root 1 0 R >>\n%%EOF\n"


def _institution(
    spec: dict[str, Any], cat: Catalogue, coordinator: User | None, password: str, today: Any
) -> Process:
    def ago(days: int) -> datetime.date:
        return today - datetime.timedelta(days=days)

    kind = ActorKind.objects.get(code=spec["kind"])
    actor = Actor.objects.filter(name=spec["name"]).first() or Actor.objects.create(
        name=spec["name"], kind=kind
    )
    contact = services.create_contact(
        actor,
        email=f"{spec['contact']['username']}@musterstadt.example",
        password=password,
        **spec["contact"],
    )
    process = services.start_process(
        actor=actor, catalogue=cat, started_on=ago(spec["started_days_ago"])
    )
    by_code = {c.code: c for c in Criterion.objects.filter(area__catalogue=cat)}
    for check in spec["self_checks"]:
        answers = {by_code[code].pk: level for code, level in check["levels"].items()}
        services.save_self_check(
            process, answers=answers, day=ago(check["days_ago"]), user=contact.user
        )
    stages = list(process.stages.all())
    for session in spec["sessions"]:
        services.record_session(
            process,
            date=ago(session["days_ago"]),
            topics=session["topics"],
            stage=stages[session["stage"] - 1],
            user=coordinator,
        )
    plan_measure = Measure.objects.filter(draft=False).order_by("code").first()
    for item in spec["measures"]:
        agreed = ago(item["days_ago"])
        measure = services.agree_measure(
            process,
            title=item["title"],
            agreed_on=agreed,
            due_on=agreed + datetime.timedelta(days=item["due_in"]),
            plan_measure=plan_measure if item.get("plan") else None,
        )
        if "done_in" in item:
            done = agreed + datetime.timedelta(days=item["done_in"])
            services.complete_measure(measure, day=done)
    kinds = {k.name: k for k in EvidenceKind.objects.filter(catalogue=cat)}
    for item in spec["evidence"]:
        is_photo = "Foto" in item["title"]
        content = _png(item["title"]) if is_photo else PDF
        upload = SimpleUploadedFile("nachweis", content)
        stored = evidence.upload(
            process,
            upload,
            title=item["title"],
            criterion=by_code[item["criterion"]],
            kind=kinds[item["kind"]],
            user=contact.user,
        )
        if item["accepted"] is not None:
            evidence.check(stored, accepted=item["accepted"], note="", day=today, user=coordinator)
    if "audit" in spec:
        audit = spec["audit"]
        services.record_audit(
            process,
            date=ago(audit["days_ago"]),
            auditors=audit["auditors"],
            findings=audit["findings"],
            recommends=True,
            user=coordinator,
        )
    done = spec.get("stages_done", len(stages))
    for stage, session in zip(stages[:done], spec["sessions"], strict=False):
        day = ago(session["days_ago"])
        if stage.kind == "audit":
            day = ago(spec["audit"]["days_ago"])  # the audit stage ends with the audit
        services.complete_stage(stage, day=day, user=coordinator)
    if "certified_days_ago" in spec:
        services.issue_certificate(
            process, issued_on=ago(spec["certified_days_ago"]), user=coordinator
        )
    return process


def load_opening(password: str, today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    install_actor_kinds()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    coordinator = User.objects.filter(memberships__role=Role.INTEGRATION_COORDINATOR).first()
    started = today - datetime.timedelta(days=data["certified"]["started_days_ago"] + 30)
    cat = _catalogue(data["catalogue"], started)
    _institution(data["certified"], cat, coordinator, password, today)
    _institution(data["kita"], cat, coordinator, password, today)
