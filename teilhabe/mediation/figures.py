"""Figures of mediation: requests, fulfilled and unfulfilled, by requesting body,
language, subject, district and month; unmet demand by language; lead time.

Counted per request, by the day of the appointment (its year and month):
- **fulfilled**: completed by a mediator;
- **unfulfilled**: closed because nobody could take it, or still open when its day
  has passed (nobody took it in time) — the demand the pool must recruit for;
- the rest (cancelled by the requesting body, client did not come, still ahead) counts
  among the requests only.
**Lead time**: from the request to the (first) assignment, in hours; the median over
the requests that got a mediator.

For the city (`city_tables`) each table goes through the shared disclosure control:
the cells fulfilled / unfulfilled / other of a row add up to the row's requests, so a
table is a grid with its totals and small numbers are suppressed with their
complements (core/disclosure.py).
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Min
from django.utils.translation import gettext_lazy as _

from teilhabe.core.disclosure import published, suppress
from teilhabe.core.languages import language_name
from teilhabe.mediation.models import MediationRequest, Status, Subject

FULFILLED = "fulfilled"
UNFULFILLED = "unfulfilled"
OTHER = "other"
OUTCOMES = (FULFILLED, UNFULFILLED, OTHER)
DIMENSIONS = ("body", "language", "subject", "district", "month")
DIMENSION_LABELS = {
    "body": _("By requesting body"),
    "language": _("By language"),
    "subject": _("By subject"),
    "district": _("By district"),
    "month": _("By month"),
}


@dataclass(frozen=True)
class Fact:
    body: str
    language: str
    subject: str
    district: str
    month: str  # "01" .. "12": sorts as the calendar does
    outcome: str
    lead_hours: float | None = None


def outcome(status: str, day: datetime.date, today: datetime.date) -> str:
    if status == Status.COMPLETED:
        return FULFILLED
    if status == Status.UNFULFILLED or (status == Status.OPEN and day < today):
        return UNFULFILLED
    return OTHER


@dataclass
class Figures:
    requests: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    # dimension -> key -> outcome -> count
    tables: dict[str, dict[str, Counter[str]]] = field(default_factory=dict)
    lead_median_hours: float | None = None

    def table(self, dimension: str) -> list[tuple[str, int, int, int, int]]:
        """(key, requests, fulfilled, unfulfilled, other) rows, by key."""
        rows = []
        for key, counts in sorted(self.tables.get(dimension, {}).items()):
            parts = [counts[name] for name in OUTCOMES]
            rows.append((key, sum(parts), *parts))
        return rows  # type: ignore[return-value]

    def totals(self) -> tuple[int, int, int, int]:
        parts = [self.outcomes[name] for name in OUTCOMES]
        return (self.requests, parts[0], parts[1], parts[2])

    def unmet_by_language(self) -> list[tuple[str, int]]:
        languages = self.tables.get("language", {})
        unmet = [(key, counts[UNFULFILLED]) for key, counts in languages.items()]
        return sorted((item for item in unmet if item[1]), key=lambda item: (-item[1], item[0]))


def tally(facts: Iterable[Fact]) -> Figures:
    figures = Figures(tables={dimension: defaultdict(Counter) for dimension in DIMENSIONS})
    leads: list[float] = []
    for fact in facts:
        figures.requests += 1
        figures.outcomes[fact.outcome] += 1
        for dimension in DIMENSIONS:
            figures.tables[dimension][str(getattr(fact, dimension))][fact.outcome] += 1
        if fact.lead_hours is not None:
            leads.append(fact.lead_hours)
    figures.lead_median_hours = statistics.median(leads) if leads else None
    return figures


def facts(organisation_ids: list[int] | None, year: int, today: datetime.date) -> list[Fact]:
    """The requests of the pools (all pools when None) with their appointment in `year`."""
    requests = MediationRequest.objects.filter(date__year=year)
    if organisation_ids is not None:
        requests = requests.filter(organisation_id__in=organisation_ids)
    requests = requests.select_related("body", "district").annotate(
        first_assigned=Min("assignments__assigned_at")
    )
    subjects = dict(Subject.choices)
    result = []
    for request in requests:
        first = getattr(request, "first_assigned", None)
        lead = (first - request.created_at).total_seconds() / 3600 if first else None
        result.append(
            Fact(
                body=request.body.name,
                language=language_name(request.language),
                subject=str(subjects.get(request.subject, request.subject)),
                district=request.district.name if request.district else "–",
                month=f"{request.date.month:02d}",
                outcome=outcome(request.status, request.date, today),
                lead_hours=lead,
            )
        )
    return result


@dataclass(frozen=True)
class PublishedTable:
    dimension: str
    # (key, requests, fulfilled, unfulfilled, other); None where suppressed
    rows: list[tuple[str, int | None, int | None, int | None, int | None]]
    totals: tuple[int | None, int | None, int | None, int | None]


def city_tables(figures: Figures, threshold: int | None = None) -> list[PublishedTable]:
    """Every table of `figures` with small numbers and their complements hidden."""
    limit = settings.SMALL_NUMBER_THRESHOLD if threshold is None else threshold
    tables = []
    for dimension in DIMENSIONS:
        rows = figures.table(dimension)
        cells = [list(row[2:]) for row in rows]
        if not cells:
            tables.append(PublishedTable(dimension, [], (0, 0, 0, 0)))
            continue
        grid = published(cells, suppress(cells, limit))
        body = [(row[0], line[-1], *line[:-1]) for row, line in zip(rows, grid, strict=False)]
        total = grid[-1]
        tables.append(
            PublishedTable(dimension, body, (total[-1], *total[:-1]))  # type: ignore[arg-type]
        )
    return tables
