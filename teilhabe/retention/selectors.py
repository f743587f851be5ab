"""What the deletion periods make due, and what keeps a due record (docs/privacy.md,
"Deletion periods"). Read-only: the dry run and the real run both start here.

A case closed on day D in year J of a service with a period of N years is kept until
the end of the year J + N and is due from 1 January of J + N + 1 ("Ablauf des
Kalenderjahres", as for the retention of files in German administration).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from teilhabe.casework.models import Case, Person, Referral, Session
from teilhabe.casework.models.codes import CASE_SERVICES
from teilhabe.organisations.models import Service
from teilhabe.programmes.models import Enrolment
from teilhabe.reports.models import FrozenReport
from teilhabe.retention.models import DEFAULT_YEARS, LegalHold, RetentionPeriod, RetentionRun

CHUNK = 500  # ids per IN (...) list: SQLite limits the number of bound parameters

# Why a due case is kept for now (shown to the data-protection officer).
WAIT_HOLD = "hold"
WAIT_YEAR_OPEN = "year_open"


def due_on(closed_on: datetime.date, years: int) -> datetime.date:
    """The first day on which a case closed on `closed_on` may be deleted."""
    return datetime.date(closed_on.year + years + 1, 1, 1)


def periods() -> dict[int, int]:
    """service id -> deletion period in years, for every service of the catalogue."""
    stored = dict(RetentionPeriod.objects.values_list("service_id", "years"))
    return {
        pk: stored.get(pk, DEFAULT_YEARS) for pk in Service.objects.values_list("pk", flat=True)
    }


def period_rows() -> list[tuple[Service, int]]:
    """The services that hold cases (not the programmes and volunteer coordination,
    which keep no case) with their periods."""
    years = periods()
    services = Service.objects.filter(code__in=CASE_SERVICES).order_by("code")
    return [(service, years[service.pk]) for service in services]


def requires_closed_years() -> bool:
    """Whether a due case waits until every year it counts in is closed (default yes)."""
    return bool(getattr(settings, "TEILHABE_RETENTION_REQUIRE_CLOSED_YEARS", True))


@dataclass(frozen=True)
class DueCase:
    pk: int
    external_id: str
    organisation_id: int
    organisation: str
    service: str
    opened_on: datetime.date
    closed_on: datetime.date
    due_on: datetime.date
    # "" when the next run deletes it, else WAIT_HOLD or WAIT_YEAR_OPEN
    waiting: str = ""
    open_years: tuple[int, ...] = ()
    hold_reason: str = ""


@dataclass
class Plan:
    """What a run on `today` deletes (`cases`, `persons`, `households`) and what it keeps."""

    today: datetime.date
    cases: list[DueCase] = field(default_factory=list)
    waiting: list[DueCase] = field(default_factory=list)
    persons: list[int] = field(default_factory=list)
    persons_kept: list[int] = field(default_factory=list)
    households: list[int] = field(default_factory=list)

    def per_service(self) -> list[dict[str, object]]:
        counted = Counter((case.organisation, case.service) for case in self.cases)
        return [
            {"organisation": organisation, "service": service, "cases": count}
            for (organisation, service), count in sorted(counted.items())
        ]

    def waiting_for_years(self) -> list[dict[str, object]]:
        """Cases waiting for a year closing, counted per organisation, service and the
        years still to close (there can be thousands; the holds are listed singly)."""
        counted = Counter(
            (case.organisation, case.service, case.open_years)
            for case in self.waiting
            if case.waiting == WAIT_YEAR_OPEN
        )
        return [
            {"organisation": o, "service": s, "years": ", ".join(map(str, y)), "cases": n}
            for (o, s, y), n in sorted(counted.items())
        ]

    def held(self) -> list[DueCase]:
        return [case for case in self.waiting if case.waiting == WAIT_HOLD]


def _closed_years() -> set[tuple[int, str, int, str]]:
    """(organisation id, service code, year, kind) of every closed, not reopened report;
    kind "" stands for a report over all kinds of case."""
    closed: set[tuple[int, str, int, str]] = set()
    reports = FrozenReport.objects.filter(reopened_at__isnull=True)
    for organisation_id, services, kinds, year in reports.values_list(
        "organisation_id", "services", "kinds", "year"
    ):
        for code in services.split(","):
            for kind in kinds.split(",") if kinds else [""]:
                closed.add((organisation_id, code, year, kind))
    return closed


def _open_years(case: Case, closed: set[tuple[int, str, int, str]]) -> tuple[int, ...]:
    """The years the case counts in (reports/figures.py: open on some day of the year)
    whose report for its organisation and service is not closed."""
    assert case.closed_on is not None
    key = (case.organisation_id, case.service.code)
    return tuple(
        year
        for year in range(case.opened_on.year, case.closed_on.year + 1)
        if (*key, year, "") not in closed and (*key, year, case.kind) not in closed
    )


def due_cases_query(today: datetime.date) -> Q:
    """Closed cases whose period has run out on `today`: closed before 1 January of
    today's year minus the period."""
    condition = Q(pk__in=[])
    for service_id, years in periods().items():
        cutoff = datetime.date(today.year - years, 1, 1)
        condition |= Q(service_id=service_id, closed_on__lt=cutoff)
    return condition & Q(closed_on__isnull=False)


def plan(today: datetime.date) -> Plan:
    """The dry run: every due case, split into those the run deletes and those it keeps,
    and the persons and households that go with the deleted cases."""
    result = Plan(today)
    years = periods()
    closed = _closed_years() if requires_closed_years() else None
    holds = dict(LegalHold.objects.values_list("case_id", "reason"))
    due = (
        Case.objects.filter(due_cases_query(today))
        .select_related("organisation", "service")
        .order_by("organisation__name", "service__code", "closed_on", "pk")
    )
    for case in due.iterator(chunk_size=2000):
        assert case.closed_on is not None
        open_years = _open_years(case, closed) if closed is not None else ()
        waiting = WAIT_HOLD if case.pk in holds else WAIT_YEAR_OPEN if open_years else ""
        entry = DueCase(
            pk=case.pk,
            external_id=case.external_id,
            organisation_id=case.organisation_id,
            organisation=case.organisation.name,
            service=case.service.code,
            opened_on=case.opened_on,
            closed_on=case.closed_on,
            due_on=due_on(case.closed_on, years[case.service_id]),
            waiting=waiting,
            open_years=open_years,
            hold_reason=holds.get(case.pk, ""),
        )
        (result.waiting if waiting else result.cases).append(entry)
    case_ids = [case.pk for case in result.cases]
    candidates = persons_of_cases(case_ids)
    result.persons = deletable_persons(candidates, excluded_cases=case_ids)
    result.persons_kept = sorted(set(candidates) - set(result.persons))
    result.households = deletable_households(
        households_of_persons(result.persons), excluded_persons=result.persons
    )
    return result


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    values = list(ids)
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def persons_of_cases(case_ids: list[int]) -> list[int]:
    """Everyone a case names: its client, the co-counselled, those present at a session."""
    found: set[int] = set()
    for part in chunks(case_ids):
        found.update(Case.objects.filter(pk__in=part).values_list("client_id", flat=True))
        found.update(
            Case.co_counselled.through.objects.filter(case_id__in=part).values_list(
                "person_id", flat=True
            )
        )
        found.update(
            Session.present.through.objects.filter(session__case_id__in=part).values_list(
                "person_id", flat=True
            )
        )
    return sorted(found)


def deletable_persons(candidates: list[int], *, excluded_cases: list[int]) -> list[int]:
    """Those of `candidates` with nothing left once `excluded_cases` are gone: no other
    case as client or co-counselled, no session of another case, no family programme
    (as contact person or through their household), no hand-over of another case that
    rests on their consent."""
    excluded = set(excluded_cases)
    linked: set[int] = set()
    for part in chunks(candidates):
        for client_id, case_id in Case.objects.filter(client_id__in=part).values_list(
            "client_id", "pk"
        ):
            if case_id not in excluded:
                linked.add(client_id)
        through = Case.co_counselled.through.objects.filter(person_id__in=part)
        for person_id, case_id in through.values_list("person_id", "case_id"):
            if case_id not in excluded:
                linked.add(person_id)
        present = Session.present.through.objects.filter(person_id__in=part)
        for person_id, case_id in present.values_list("person_id", "session__case_id"):
            if case_id not in excluded:
                linked.add(person_id)
        linked.update(
            Enrolment.objects.filter(contact_person_id__in=part).values_list(
                "contact_person_id", flat=True
            )
        )
        linked.update(
            Person.objects.filter(pk__in=part, household__enrolments__isnull=False).values_list(
                "pk", flat=True
            )
        )
        referrals = Referral.objects.filter(consent__person_id__in=part)
        for person_id, case_id in referrals.values_list("consent__person_id", "source_case_id"):
            if case_id not in excluded:
                linked.add(person_id)
    return sorted(set(candidates) - linked)


def households_of_persons(person_ids: list[int]) -> list[int]:
    found: set[int] = set()
    for part in chunks(person_ids):
        found.update(
            Person.objects.filter(pk__in=part, household__isnull=False).values_list(
                "household_id", flat=True
            )
        )
    return sorted(found)


def deletable_households(household_ids: list[int], *, excluded_persons: list[int]) -> list[int]:
    """Households left without members (other than `excluded_persons`) and without a
    programme enrolment."""
    excluded = set(excluded_persons)
    kept: set[int] = set()
    for part in chunks(household_ids):
        members = Person.objects.filter(household_id__in=part).values_list("household_id", "pk")
        kept.update(household for household, person in members if person not in excluded)
        kept.update(
            Enrolment.objects.filter(household_id__in=part).values_list("household_id", flat=True)
        )
    return sorted(set(household_ids) - kept)


def recent_runs(limit: int = 20) -> list[RetentionRun]:
    return list(RetentionRun.objects.select_related("started_by")[:limit])


def active_run() -> RetentionRun | None:
    """A run queued or running now (only one at a time)."""
    return RetentionRun.objects.filter(
        status__in=[RetentionRun.Status.QUEUED, RetentionRun.Status.RUNNING]
    ).first()
