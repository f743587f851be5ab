"""The figures of a service's annual report, exactly as shared/formats/annual-report.md
defines them, computed from case-level data.

Scope: cases of some organisations and services; one year J. The result carries the
keys of the format (and `vorjahr`, the same figures for J-1).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum

from teilhabe.casework.models import Case, Goal, GoalStatusChange, Person, Session
from teilhabe.casework.models.codes import FINAL_GOAL_STATUSES, GoalStatus
from teilhabe.reports.country_groups import region_of

AGE_GROUPS = (
    (0, 11, "0-11"),
    (12, 14, "12-14"),
    (15, 18, "15-18"),
    (19, 27, "19-27"),
    (28, 44, "28-44"),
    (45, 64, "45-64"),
    (65, 200, "65+"),
)


@dataclass(frozen=True)
class Scope:
    """Which cases a report covers. `kinds` limits it to case kinds (empty: all kinds),
    as the seed's JMD section reports some shares over case-management cases only."""

    organisation_ids: tuple[int, ...]
    services: tuple[str, ...]
    kinds: tuple[str, ...] = ()

    def cases(self) -> QuerySet[Case]:
        cases = Case.objects.filter(
            organisation_id__in=self.organisation_ids, service__code__in=self.services
        )
        return cases.filter(kind__in=self.kinds) if self.kinds else cases


def shares(counts: Counter[Any], known: int) -> dict[str, float]:
    """Percentages with two decimals over the known values, largest first."""
    if not known:
        return {}
    return {str(key): round(100 * count / known, 2) for key, count in counts.most_common()}


def _age_group(age: int) -> str | None:
    for low, high, name in AGE_GROUPS:
        if low <= age <= high:
            return name
    return None


def _full_years(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _residence(person: dict[str, Any], first_case: datetime.date) -> str | None:
    if person["country_of_birth"] == "DE":
        return "in_deutschland_geboren"
    if not person["arrival_date"]:
        return None
    years = _full_years(person["arrival_date"], first_case)
    return "unter_2" if years < 2 else "2_bis_5" if years < 5 else "ab_5"


def _client_shares(
    clients: dict[int, dict[str, Any]], first_case: dict[int, datetime.date], year: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """Every share over clients: {key: {value: share}}, and the unknowns per key."""
    extract: dict[str, Callable[[dict[str, Any]], Any]] = {
        "herkunftslaender": lambda p: p["country_of_origin"] or None,
        "herkunftsregionen": lambda p: (
            region_of(p["country_of_origin"]) if p["country_of_origin"] else None
        ),
        "rechtsstatus": lambda p: (
            p["legal_status"] if p["legal_status"] not in ("", "unbekannt") else None
        ),
        "geschlecht": lambda p: p["gender"] or None,
        "stadtteile": lambda p: p["district__name"],
        "altersgruppen": lambda p: _age_group(year - p["birth_year"]) if p["birth_year"] else None,
        "aufenthaltsdauer": lambda p: _residence(p, first_case[p["pk"]]),
        "schulabschluss": lambda p: (
            p["school_qualification"]
            if p["school_qualification"] not in ("", "unbekannt")
            else None
        ),
    }
    figures: dict[str, Any] = {}
    unknown: dict[str, int] = {}
    for key, value_of in extract.items():
        values = [value_of(person) for person in clients.values()]
        known = Counter(value for value in values if value is not None)
        figures[key] = shares(known, sum(known.values()))
        unknown[key] = sum(1 for value in values if value is None)
    return figures, unknown


def _status_on(day: datetime.date) -> Subquery:
    """A goal's status on `day`: the last entry of its history set on or before it (by
    date, then by order of recording), NULL when the goal had no status yet."""
    latest = GoalStatusChange.objects.filter(goal=OuterRef("pk"), set_on__lte=day)
    return Subquery(latest.order_by("-set_on", "-pk").values("status")[:1])


def _goals(active: QuerySet[Case], year: int) -> dict[str, Any]:
    """Counted in the database, one row per (area, status at year end): a Python replay
    of 50,000 histories took most of a big city's report."""
    end, before = datetime.date(year, 12, 31), datetime.date(year - 1, 12, 31)
    goals = (
        Goal.objects.filter(case__in=active, agreed_on__lte=end)
        .annotate(before=_status_on(before), at_end=_status_on(end))
        .filter(Q(before__isnull=True) | ~Q(before__in=FINAL_GOAL_STATUSES))
    )
    counted_areas: Counter[str] = Counter()
    at_year_end: Counter[str] = Counter()
    for area, status, count in (
        goals.order_by().values_list("area", "at_end").annotate(n=Count("pk"))
    ):
        counted_areas[area] += count
        at_year_end[status or GoalStatus.IN_PROGRESS] += count
    total = sum(counted_areas.values())
    in_progress = at_year_end.get(GoalStatus.IN_PROGRESS, 0)
    return {
        "ziele": total,
        "ziele_nach_bereich": dict(counted_areas.most_common()),
        "ziele_status_jahresende": dict(at_year_end.most_common()),
        "ziele_in_bearbeitung_anteil": round(100 * in_progress / total, 2) if total else 0.0,
    }


def annual_figures(scope: Scope, year: int, *, with_previous: bool = True) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active = scope.cases().filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first), opened_on__lte=last
    )
    cases = list(active.values("pk", "client_id", "kind", "opened_on", "closed_on", "access_route"))
    first_case: dict[int, datetime.date] = {}
    for case in cases:
        client = case["client_id"]
        first_case[client] = min(case["opened_on"], first_case.get(client, case["opened_on"]))
    clients: dict[int, dict[str, Any]] = {
        person["pk"]: dict(person)
        # A subquery, not a list of ids: SQLite limits the number of parameters.
        for person in Person.objects.filter(pk__in=active.values("client_id")).values(
            "pk",
            "gender",
            "birth_year",
            "nationalities",
            "country_of_origin",
            "country_of_birth",
            "legal_status",
            "district__name",
            "arrival_date",
            "school_qualification",
        )
    }
    sessions = Session.objects.filter(case__in=active, date__range=(first, last))
    # Grouped by the list of topics: a big city's year has 150,000 sessions but a few
    # thousand distinct lists, so only those are decoded.
    session_groups = list(
        sessions.order_by()
        .values_list("topics")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
    )
    reached = set(clients)
    reached |= set(
        Case.co_counselled.through.objects.filter(case__in=active).values_list(
            "person_id", flat=True
        )
    )
    reached |= set(
        Session.present.through.objects.filter(session__in=sessions).values_list(
            "person_id", flat=True
        )
    )
    client_figures, unknown = _client_shares(clients, first_case, year)
    routes = Counter(case["access_route"] for case in cases if case["access_route"])
    unknown["zugangswege"] = sum(1 for case in cases if not case["access_route"])
    topics: Counter[str] = Counter()
    for codes, count, _minutes in session_groups:
        for topic in codes or ():
            topics[topic] += count
    figures: dict[str, Any] = {
        "jahr": year,
        "faelle": len(cases),
        "faelle_neu": sum(1 for c in cases if first <= c["opened_on"] <= last),
        "faelle_beendet": sum(
            1 for c in cases if c["closed_on"] and first <= c["closed_on"] <= last
        ),
        "faelle_laufend_jahresende": sum(
            1 for c in cases if not c["closed_on"] or c["closed_on"] > last
        ),
        "case_management_faelle": sum(1 for c in cases if c["kind"] == "case_management"),
        "ratsuchende": len(clients),
        "personen_erreicht": len(reached),
        "beratungssitzungen": sum(count for _codes, count, _minutes in session_groups),
        "beratungsminuten": sum(minutes or 0 for _codes, _count, minutes in session_groups),
        **client_figures,
        "staatsangehoerigkeiten_anzahl": len(
            _distinct(p["nationalities"] for p in clients.values())
        ),
        "zugangswege": shares(routes, sum(routes.values())),
        "themen": dict(topics.most_common()),
        **_goals(active, year),
        "unbekannt": unknown,
    }
    if with_previous:
        figures["vorjahr"] = annual_figures(scope, year - 1, with_previous=False)
    return figures


def _distinct(lists: Iterable[list[str]]) -> set[str]:
    return {code for codes in lists for code in codes}
