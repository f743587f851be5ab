"""The opening objects the tests and the role matrix (accounts/tests/test_role_matrix.py)
open: a catalogue of two areas (three criteria, levels 0–3), two institutions with a
contact person each ("kita_kontakt" at Kita Regenbogen, "schule_kontakt" at a school),
a process for each with a self-check and a piece of evidence, the school's certified."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from teilhabe.network.catalogue import install_actor_kinds
from teilhabe.network.models import Actor, ActorKind
from teilhabe.opening import catalogue, evidence, services
from teilhabe.opening.models import Catalogue, Criterion, Process

START = datetime.date(2025, 1, 15)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "Richtig-Langes-Passwort-1"


def make_catalogue(day: datetime.date = START) -> Catalogue:
    cat = catalogue.create_catalogue(
        title="Interkulturell geöffnete Einrichtung", top_level=3, valid_years=3, day=day
    )
    leaflet = catalogue.add_evidence_kind(cat, name="Mehrsprachiges Faltblatt")
    sign = catalogue.add_evidence_kind(cat, name="Türschild")
    levels = {0: "nicht", 1: "begonnen", 2: "weitgehend", 3: "vollständig"}
    lead = catalogue.add_area(cat, code="leitung", title="Leitung und Strategie")
    access = catalogue.add_area(cat, code="zugang", title="Zugang und Kommunikation")
    for area, code, question, kinds in (
        (lead, "1.1", "Leitbild nennt Vielfalt", []),
        (lead, "1.2", "Verantwortliche Person benannt", []),
        (access, "3.1", "Informationen mehrsprachig", [leaflet, sign]),
    ):
        catalogue.save_criterion(
            Criterion(area=area, code=code, question=question), levels=levels, evidence_kinds=kinds
        )
    return cat


def criteria(cat: Catalogue) -> dict[str, Criterion]:
    return {c.code: c for c in Criterion.objects.filter(area__catalogue=cat)}


def pdf_upload(name: str = "faltblatt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def certify(process: Process, coordinator: Any, day: datetime.date) -> Any:
    for stage in process.stages.all():
        if stage.kind == "audit":
            services.record_audit(
                process,
                date=day,
                auditors="Integrationsbüro",
                findings="Kriterien erfüllt",
                recommends=True,
                user=coordinator,
            )
        services.complete_stage(stage, day=day, user=coordinator)
    return services.issue_certificate(process, issued_on=day, user=coordinator)


def opening_world(coordinator: Any = None) -> dict[str, Any]:
    install_actor_kinds()
    cat = make_catalogue()
    by_code = criteria(cat)
    kita = Actor.objects.create(name="Kita Regenbogen", kind=ActorKind.objects.get(code="kita"))
    school = Actor.objects.create(
        name="Grundschule am Park", kind=ActorKind.objects.get(code="schule")
    )
    kita_contact = services.create_contact(
        kita, username="kita_kontakt", first_name="Kim", last_name="Kita", password=PASSWORD
    )
    school_contact = services.create_contact(
        school, username="schule_kontakt", first_name="Sam", last_name="Schule", password=PASSWORD
    )
    processes = {}
    for actor, contact in ((kita, kita_contact), (school, school_contact)):
        process = services.start_process(actor=actor, catalogue=cat, started_on=START)
        check = services.save_self_check(
            process,
            answers={by_code["1.1"].pk: 1, by_code["1.2"].pk: 2, by_code["3.1"].pk: 0},
            day=START,
            user=contact.user,
        )
        item = evidence.upload(
            process,
            pdf_upload(),
            title=f"Faltblatt {actor.name}",
            criterion=by_code["3.1"],
            kind=None,
            user=contact.user,
        )
        processes[actor.pk] = (process, check, item)
    school_process = processes[school.pk][0]
    school_measure = services.agree_measure(
        school_process, title="Mehrsprachige Beschilderung", agreed_on=START
    )
    certificate = certify(school_process, coordinator, START + datetime.timedelta(days=90))
    kita_process, kita_check, kita_item = processes[kita.pk]
    agreed = services.agree_measure(
        kita_process, title="Elternbriefe in Leichter Sprache", agreed_on=START
    )
    area = cat.areas.get(code="leitung")
    # the catalogue the certificate names is frozen; the matrix edits a newer version
    newer = catalogue.new_version(cat, day=START)
    return {
        "<opening_catalogue>": newer.pk,
        "<opening_area>": newer.areas.get(code=area.code).pk,
        "<opening_criterion>": Criterion.objects.filter(area__catalogue=newer).first().pk,
        "<opening_process>": kita_process.pk,
        "<opening_stage>": kita_process.stages.get(position=1).pk,
        "<opening_measure>": agreed.pk,
        "<opening_self_check>": kita_check.pk,
        "<opening_evidence>": kita_item.pk,
        "<opening_certificate>": certificate.pk,
        "<opening_school_process>": school_process.pk,
        "<opening_school_measure>": school_measure.pk,
        "<opening_school_self_check>": processes[school.pk][1].pk,
        "<opening_school_evidence>": processes[school.pk][2].pk,
        "kita_contact": kita_contact.user,
        "school_contact": school_contact.user,
    }
