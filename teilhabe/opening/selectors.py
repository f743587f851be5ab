"""Read paths of intercultural opening: catalogue structure, self-check results with the
comparison, the page of a process, the public register and the certificates that run
out soon. Dates come in as arguments; nothing here reads "today"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from teilhabe.opening import results
from teilhabe.opening.models import (
    Catalogue,
    CatalogueArea,
    Certificate,
    Criterion,
    Process,
    SelfCheck,
)


def catalogue_areas(catalogue: Catalogue) -> QuerySet[CatalogueArea]:
    criteria = Criterion.objects.prefetch_related("levels", "evidence_kinds").order_by(
        "position", "pk"
    )
    return catalogue.areas.prefetch_related(Prefetch("criteria", queryset=criteria))


def area_specs(catalogue: Catalogue) -> list[results.AreaSpec]:
    return [
        results.AreaSpec(
            code=area.code,
            title=area.title,
            criteria=[results.CriterionSpec(c.pk, c.code, c.question) for c in area.criteria.all()],
        )
        for area in catalogue_areas(catalogue)
    ]


def answers_of(check: SelfCheck) -> dict[int, int]:
    return dict(check.answers.values_list("criterion_id", "level"))


def previous_self_check(check: SelfCheck) -> SelfCheck | None:
    """The self-check of the same institution just before this one (by date, then by
    the order they were saved in)."""
    earlier = Q(date__lt=check.date) | Q(date=check.date, pk__lt=check.pk)
    return (
        SelfCheck.objects.filter(earlier, process__actor_id=check.process.actor_id)
        .select_related("catalogue")
        .order_by("-date", "-pk")
        .first()
    )


def plain_results(check: SelfCheck) -> list[results.AreaResult]:
    return results.area_results(
        area_specs(check.catalogue), answers_of(check), check.catalogue.top_level
    )


@dataclass
class SelfCheckResult:
    check: SelfCheck
    areas: list[results.AreaResult]
    overall: int | None
    previous: SelfCheck | None
    top_level: int


def self_check_result(check: SelfCheck) -> SelfCheckResult:
    areas = plain_results(check)
    previous = previous_self_check(check)
    if previous is not None:
        results.compare(areas, plain_results(previous))
    top = check.catalogue.top_level
    return SelfCheckResult(check, areas, results.overall(areas, top), previous, top)


def process_page(process: Process) -> dict[str, Any]:
    return {
        "stages": list(process.stages.all()),
        "sessions": list(process.sessions.select_related("stage")),
        "measures": list(process.measures.select_related("plan_measure")),
        "evidence": list(process.evidence.select_related("criterion", "kind")),
        "self_checks": list(
            SelfCheck.objects.filter(process__actor_id=process.actor_id).select_related(
                "process", "answered_by"
            )
        ),
        "audit": getattr(process, "audit", None),
        "certificate": Certificate.objects.filter(process=process).first(),
    }


def valid_certificates(day: datetime.date) -> QuerySet[Certificate]:
    return Certificate.objects.filter(issued_on__lte=day, valid_until__gte=day).select_related(
        "actor", "actor__kind", "catalogue"
    )


@dataclass(frozen=True)
class RegisterEntry:
    institution: str
    kind: str
    districts: str
    issued_on: datetime.date
    valid_until: datetime.date
    catalogue: str


def public_register(day: datetime.date) -> list[RegisterEntry]:
    """Certified institutions on the day: the institution's name and kind, the districts
    it serves, the dates and the catalogue. No person, no address, no result."""
    latest: dict[int, Certificate] = {}
    for certificate in (
        valid_certificates(day).prefetch_related("actor__districts").order_by("issued_on")
    ):
        latest[certificate.actor_id] = certificate
    entries = [
        RegisterEntry(
            institution=c.actor.name,
            kind=c.actor.kind.name,
            districts=", ".join(sorted(a.name for a in c.actor.districts.all())),
            issued_on=c.issued_on,
            valid_until=c.valid_until,
            catalogue=str(c.catalogue),
        )
        for c in latest.values()
    ]
    return sorted(entries, key=lambda entry: entry.institution.lower())


def expiring(day: datetime.date, within_days: int) -> QuerySet[Certificate]:
    """Certificates that run out within the days and whose institution has no newer
    certificate: their renewal is to be started."""
    last = day + datetime.timedelta(days=within_days)
    newer = Certificate.objects.filter(
        actor_id__in=Certificate.objects.filter(valid_until__gt=last).values("actor_id")
    )
    return (
        Certificate.objects.filter(valid_until__gte=day, valid_until__lte=last)
        .exclude(actor_id__in=newer.values("actor_id"))
        .select_related("actor", "catalogue")
        .order_by("valid_until")
    )


def process_states(processes: QuerySet[Process]) -> list[dict[str, Any]]:
    """Each process with its next open stage and its certificate, for the overview."""
    rows = []
    for process in processes.prefetch_related("stages").select_related("certificate"):
        stages = list(process.stages.all())
        open_stage = next((s for s in stages if s.done_on is None), None)
        rows.append(
            {
                "process": process,
                "done": sum(1 for s in stages if s.done_on is not None),
                "stages": len(stages),
                "open_stage": open_stage,
                "certificate": getattr(process, "certificate", None),
            }
        )
    return rows
