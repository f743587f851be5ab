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
from teilhabe.organisations.models import Service
from teilhabe.reports.country_groups import region_of

# The order of the keys in the JSON (annual-report.md lists them so).
CASE_KEYS = (
    "faelle",
    "faelle_neu",
    "faelle_beendet",
    "faelle_laufend_jahresende",
    "case_management_faelle",
)
CLIENT_SHARE_KEYS = (
    "herkunftslaender",
    "herkunftsregionen",
    "rechtsstatus",
    "geschlecht",
    "stadtteile",
    "altersgruppen",
    "aufenthaltsdauer",
    "schulabschluss",
)
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
        # Services by id: every figure's query repeats this as a subquery, and without
        # the join to the service table the index on (organisation, service) serves it.
        service_ids = list(
            Service.objects.filter(code__in=self.services).values_list("pk", flat=True)
        )
        cases = Case.objects.filter(
            organisation_id__in=self.organisation_ids, service_id__in=service_ids
        )
        return cases.filter(kind__in=self.kinds) if self.kinds else cases


def by_count(counts: Counter[Any]) -> dict[str, int]:
    """Largest first; equal counts by their code, so that the order never depends on
    the order in which the database returned its groups."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return {str(key): count for key, count in ordered}


def shares(counts: Counter[Any], known: int) -> dict[str, float]:
    """Percentages with two decimals over the known values, largest first (ties by
    code)."""
    if not known:
        return {}
    return {key: round(100 * count / known, 2) for key, count in by_count(counts).items()}


def _age_group(age: int) -> str | None:
    for low, high, name in AGE_GROUPS:
        if low <= age <= high:
            return name
    return None


def _full_years(start: datetime.date, end: datetime.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _residence(arrival: datetime.date | None, first_case: datetime.date) -> str | None:
    if not arrival:
        return None
    years = _full_years(arrival, first_case)
    return "unter_2" if years < 2 else "2_bis_5" if years < 5 else "ab_5"


# The columns of a client that the shares count, grouped in one query.
CLIENT_COLUMNS = (
    "country_of_origin",
    "legal_status",
    "gender",
    "district__name",
    "birth_year",
    "school_qualification",
)


def _grouped(clients: QuerySet[Person]) -> dict[str, Counter[Any]]:
    """Clients per value of each of CLIENT_COLUMNS, from one GROUP BY over all of them:
    one pass over the clients instead of one per column, and only the distinct
    combinations leave the database."""
    counts: dict[str, Counter[Any]] = {column: Counter() for column in CLIENT_COLUMNS}
    rows = clients.order_by().values_list(*CLIENT_COLUMNS).annotate(n=Count("pk"))
    for *values, count in rows:
        for column, value in zip(CLIENT_COLUMNS, values, strict=True):
            counts[column][value] += count
    return counts


def _known(counts: Counter[Any], value_of: Callable[[Any], Any]) -> tuple[Counter[Any], int]:
    """The counts by `value_of(value)` where that is known, and the clients without."""
    known: Counter[Any] = Counter()
    unknown = 0
    for value, count in counts.items():
        mapped = value_of(value)
        if mapped is None:
            unknown += count
        else:
            known[mapped] += count
    return known, unknown


def _client_shares(
    clients: QuerySet[Person], active: QuerySet[Case], year: int
) -> tuple[dict[str, Any], dict[str, int], int]:
    """Every share over clients ({key: {value: share}}), the unknowns per key and the
    number of clients. Each key is one GROUP BY: a big city's year has 30,000 clients,
    whose rows cost more to fetch than to count."""

    def coded(value: str | None) -> str | None:
        return value if value not in (None, "", "unbekannt") else None

    grouped = _grouped(clients)
    countries = grouped["country_of_origin"]
    by_key: dict[str, tuple[Counter[Any], int]] = {
        "herkunftslaender": _known(countries, lambda code: code or None),
        "herkunftsregionen": _known(countries, lambda code: region_of(code) if code else None),
        "rechtsstatus": _known(grouped["legal_status"], coded),
        "geschlecht": _known(grouped["gender"], lambda code: code or None),
        "stadtteile": _known(grouped["district__name"], lambda name: name),
        "altersgruppen": _known(
            grouped["birth_year"],
            lambda born: _age_group(year - born) if born else None,
        ),
        "aufenthaltsdauer": _residence_counts(clients, active),
        "schulabschluss": _known(grouped["school_qualification"], coded),
    }
    figures: dict[str, Any] = {
        key: shares(known, sum(known.values())) for key, (known, _u) in by_key.items()
    }
    unknown = {key: count for key, (_known_counts, count) in by_key.items()}
    # Grouped by the list of nationalities: only the distinct lists are decoded.
    lists = clients.order_by().values_list("nationalities").annotate(n=Count("pk"))
    figures["staatsangehoerigkeiten_anzahl"] = len(_distinct(codes for codes, _n in lists))
    return figures, unknown, sum(countries.values())


def _residence_counts(
    clients: QuerySet[Person], active: QuerySet[Case]
) -> tuple[Counter[str], int]:
    """Time in Germany: born here, or the full years from arrival to the opening of the
    client's earliest active case (a correlated subquery, so only two dates per client
    not born in Germany leave the database)."""
    born_here = clients.filter(country_of_birth="DE").count()
    earliest = active.filter(client_id=OuterRef("pk")).order_by("opened_on").values("opened_on")
    arrivals = (
        clients.exclude(country_of_birth="DE")
        .annotate(first_case=Subquery(earliest[:1]))
        .values_list("arrival_date", "first_case")
    )
    known: Counter[str] = Counter({"in_deutschland_geboren": born_here} if born_here else {})
    unknown = 0
    for arrival, first_case in arrivals:
        group = _residence(arrival, first_case)
        if group is None:
            unknown += 1
        else:
            known[group] += 1
    return known, unknown


def _status_on(day: datetime.date) -> Subquery:
    """A goal's status on `day`: the last entry of its history set on or before it (by
    date, then by order of recording), NULL when the goal had no status yet."""
    latest = GoalStatusChange.objects.filter(goal=OuterRef("pk"), set_on__lte=day)
    return Subquery(latest.order_by("-set_on", "-pk").values("status")[:1])


def _goals(active: QuerySet[Case], year: int) -> dict[str, Any]:
    """Counted in the database, one row per (area, status at year end): a Python replay
    of 50,000 histories took most of a big city's report."""
    end, before = datetime.date(year, 12, 31), datetime.date(year - 1, 12, 31)
    # Grouped by both statuses (GROUP BY refers to the selected subqueries, so each is
    # computed once per goal); goals finished before the year began are left out here.
    rows = (
        Goal.objects.filter(case__in=active, agreed_on__lte=end)
        .annotate(before=_status_on(before), at_end=_status_on(end))
        .order_by()
        .values_list("area", "before", "at_end")
        .annotate(n=Count("pk"))
    )
    counted_areas: Counter[str] = Counter()
    at_year_end: Counter[str] = Counter()
    for area, status_before, status, count in rows:
        if status_before in FINAL_GOAL_STATUSES:
            continue
        counted_areas[area] += count
        at_year_end[status or GoalStatus.IN_PROGRESS] += count
    total = sum(counted_areas.values())
    in_progress = at_year_end.get(GoalStatus.IN_PROGRESS, 0)
    return {
        "ziele": total,
        "ziele_nach_bereich": by_count(counted_areas),
        "ziele_status_jahresende": by_count(at_year_end),
        "ziele_in_bearbeitung_anteil": round(100 * in_progress / total, 2) if total else 0.0,
    }


def _case_figures(
    active: QuerySet[Case], first: datetime.date, last: datetime.date
) -> tuple[dict[str, Any], int]:
    """The case counts and the access routes (with the cases whose route is unknown),
    from one GROUP BY over the active cases."""
    rows = (
        active.order_by()
        .values_list("access_route")
        .annotate(
            faelle=Count("pk"),
            faelle_neu=Count("pk", filter=Q(opened_on__gte=first)),
            faelle_beendet=Count("pk", filter=Q(closed_on__gte=first, closed_on__lte=last)),
            faelle_laufend_jahresende=Count(
                "pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=last)
            ),
            case_management_faelle=Count("pk", filter=Q(kind="case_management")),
        )
    )
    counts = dict.fromkeys(CASE_KEYS, 0)
    by_route: Counter[str] = Counter()
    for route, *numbers in rows:
        for key, number in zip(CASE_KEYS, numbers, strict=True):
            counts[key] += number
        by_route[route] += numbers[0]
    routes, unknown = _known(by_route, lambda code: code or None)
    return {**counts, "zugangswege": shares(routes, sum(routes.values()))}, unknown


def _others_reached(active: QuerySet[Case], sessions: QuerySet[Session]) -> int:
    """Persons reached who are no client of an active case: co-counselled in an active
    case or present at a session of the year, each once."""
    co_counselled = Case.co_counselled.through.objects.filter(case__in=active)
    present = Session.present.through.objects.filter(session__in=sessions)
    return (
        Person.objects.filter(
            Q(pk__in=co_counselled.values("person_id")) | Q(pk__in=present.values("person_id"))
        )
        .exclude(pk__in=active.values("client_id"))
        .count()
    )


def annual_figures(scope: Scope, year: int, *, with_previous: bool = True) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active = scope.cases().filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first), opened_on__lte=last
    )
    # A subquery, not a list of ids: SQLite limits the number of parameters.
    clients = Person.objects.filter(pk__in=active.values("client_id"))
    sessions = Session.objects.counted().filter(case__in=active, date__range=(first, last))
    # Grouped by the list of topics: a big city's year has 150,000 sessions but a few
    # thousand distinct lists, so only those are decoded.
    session_groups = list(
        sessions.order_by()
        .values_list("topics")
        .annotate(n=Count("pk"), minutes=Sum("duration_minutes"))
    )
    cases, unknown_routes = _case_figures(active, first, last)
    client_figures, unknown, client_count = _client_shares(clients, active, year)
    unknown["zugangswege"] = unknown_routes
    topics: Counter[str] = Counter()
    for codes, count, _minutes in session_groups:
        for topic in codes or ():
            topics[topic] += count
    figures: dict[str, Any] = {
        "jahr": year,
        **{key: cases[key] for key in CASE_KEYS},
        "ratsuchende": client_count,
        "personen_erreicht": client_count + _others_reached(active, sessions),
        "beratungssitzungen": sum(count for _codes, count, _minutes in session_groups),
        "beratungsminuten": sum(minutes or 0 for _codes, _count, minutes in session_groups),
        **{key: client_figures[key] for key in CLIENT_SHARE_KEYS},
        "staatsangehoerigkeiten_anzahl": client_figures["staatsangehoerigkeiten_anzahl"],
        "zugangswege": cases["zugangswege"],
        "themen": by_count(topics),
        **_goals(active, year),
        "unbekannt": unknown,
    }
    if with_previous:
        figures["vorjahr"] = annual_figures(scope, year - 1, with_previous=False)
    return figures


def _distinct(lists: Iterable[list[str] | None]) -> set[str]:
    return {code for codes in lists for code in codes or ()}
