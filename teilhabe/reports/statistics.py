"""City-wide statistics across all organisations and services, published only with
small numbers protected (suppression.py).

Counting happens per organisation and service (`count`), so that the counts of a
closed year can be stored with its frozen report and used here after the cases are
gone (`city_counts`). Only `city_statistics` leaves this module for the pages, and it
carries published figures only: a suppressed cell is None from here on.

Units: the district table counts cases; the other tables count clients of a service (a
person with cases at two services counts in both columns, as in each service's own
report; persons are records of one organisation, so nobody is matched across
organisations). Totals are sums of what they total, so that the protection can reason
about them.

Every table always has a column for every service with cases in the year, whatever the
page's service filter: the filter only hides columns, and the row totals stay the
totals over all services. A table recomputed for a chosen subset of services would
publish new subtotals, and the difference of two such tables could reveal a hidden cell.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from teilhabe.casework.models import Case, Session
from teilhabe.casework.models.codes import CaseKind, Gender, LegalStatus
from teilhabe.reports.country_groups import region_of
from teilhabe.reports.figures import AGE_GROUPS
from teilhabe.reports.models import FrozenReport
from teilhabe.reports.suppression import Cell, published, share, suppress_linked

UNKNOWN = ""  # the row of values not known
TOTAL = "insgesamt"
MEASURES = (
    "faelle",
    "faelle_neu",
    "faelle_beendet",
    "case_management_faelle",
    "ratsuchende",
    "personen_erreicht",
    "beratungssitzungen",
)
CLIENT_TABLES = ("herkunftsregionen", "rechtsstatus", "altersgruppen", "geschlecht")
TABLES = ("stadtteile", *CLIENT_TABLES)

Counts = dict[str, dict[str, int]]  # {"measures": {...}, "<table>": {row: n}, ...}


def _empty() -> Counts:
    return {"measures": dict.fromkeys(MEASURES, 0)} | {table: {} for table in TABLES}


def _age_group(year: int, birth_year: int | None) -> str:
    if not birth_year:
        return UNKNOWN
    age = year - birth_year
    return next((name for low, high, name in AGE_GROUPS if low <= age <= high), UNKNOWN)


def _bump(counter: dict[str, int], key: str, by: int = 1) -> None:
    counter[key] = counter.get(key, 0) + by


def count(
    year: int, organisation_ids: tuple[int, ...] | None = None, services: tuple[str, ...] = ()
) -> dict[tuple[int, str], Counts]:
    """Unprotected counts per (organisation, service code) for `year` — never shown as
    they are. The definitions are those of annual-report.md (active case, client, person
    reached, session of the year)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active = Case.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first), opened_on__lte=last
    )
    if organisation_ids is not None:
        active = active.filter(organisation_id__in=organisation_ids)
    if services:
        active = active.filter(service__code__in=services)
    out: dict[tuple[int, str], Counts] = defaultdict(_empty)
    reached: dict[tuple[int, str], set[int]] = defaultdict(set)
    rows = active.values_list(
        "organisation_id",
        "service__code",
        "client_id",
        "kind",
        "opened_on",
        "closed_on",
        "client__district__name",
        "client__country_of_origin",
        "client__legal_status",
        "client__birth_year",
        "client__gender",
    )
    for org, service, client, kind, opened, closed, district, country, legal, born, gender in rows:
        key = (org, service)
        counts, measures = out[key], out[key]["measures"]
        measures["faelle"] += 1
        measures["faelle_neu"] += opened >= first
        measures["faelle_beendet"] += bool(closed and closed <= last)
        measures["case_management_faelle"] += kind == CaseKind.CASE_MANAGEMENT
        _bump(counts["stadtteile"], district or UNKNOWN)
        if client in reached[key]:
            continue  # a client with two cases at the service counts once
        reached[key].add(client)
        measures["ratsuchende"] += 1
        _bump(counts["herkunftsregionen"], region_of(country) if country else UNKNOWN)
        known_status = legal not in ("", LegalStatus.UNKNOWN)
        _bump(counts["rechtsstatus"], legal if known_status else UNKNOWN)
        _bump(counts["altersgruppen"], _age_group(year, born))
        _bump(counts["geschlecht"], gender or UNKNOWN)
    sessions = Session.objects.counted().filter(case__in=active, date__range=(first, last))
    for row in (
        sessions.values("case__organisation_id", "case__service__code")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        key = (row["case__organisation_id"], row["case__service__code"])
        out[key]["measures"]["beratungssitzungen"] = row["n"]
    others = Case.co_counselled.through.objects.filter(case__in=active).values_list(
        "case__organisation_id", "case__service__code", "person_id"
    )
    present = Session.present.through.objects.filter(session__in=sessions).values_list(
        "session__case__organisation_id", "session__case__service__code", "person_id"
    )
    for org, service, person in [*others, *present]:
        reached[(org, service)].add(person)
    for key, persons in reached.items():
        out[key]["measures"]["personen_erreicht"] = len(persons)
    return dict(out)


def _frozen_counts(year: int) -> dict[tuple[int, str], Counts]:
    """The counts stored with the closed years (over all case kinds); the latest closing
    wins where two closed reports cover one service."""
    out: dict[tuple[int, str], Counts] = {}
    reports = FrozenReport.objects.filter(
        year=year, reopened_at__isnull=True, kinds="", city_counts__isnull=False
    ).order_by("frozen_at", "pk")
    for report in reports:
        for service, counts in (report.city_counts or {}).items():
            out[(report.organisation_id, service)] = counts
    return out


def city_counts(year: int) -> dict[str, Counts]:
    """Counts per service over all organisations: stored counts for every organisation
    and service whose year is closed, counts from the cases for the rest."""
    frozen = _frozen_counts(year)
    live = {key: counts for key, counts in count(year).items() if key not in frozen}
    by_service: dict[str, Counts] = defaultdict(_empty)
    for (_org, service), counts in [*live.items(), *frozen.items()]:
        total = by_service[service]
        for part, values in counts.items():
            for key, value in values.items():
                _bump(total[part], key, value)
    return dict(by_service)


@dataclass(frozen=True)
class PublishedTable:
    """A cross table as published: rows × services, the last column the total over all
    services, the last row the totals; None where a figure is suppressed."""

    key: str
    title: str
    unit: str
    rows: list[tuple[str, str]]  # (code, label)
    columns: list[str]  # service codes
    values: list[list[int | None]]
    row_heading: str = ""
    has_totals_row: bool = True

    @property
    def totals(self) -> list[int | None]:
        return self.values[-1] if self.has_totals_row else []

    def only(self, services: list[str]) -> PublishedTable:
        """The same published figures, only the columns of `services` (and the total)."""
        keep = [j for j, code in enumerate(self.columns) if code in services]
        keep.append(len(self.columns))
        return replace(
            self,
            columns=[self.columns[j] for j in keep[:-1]],
            values=[[row[j] for j in keep] for row in self.values],
        )

    def body(self) -> list[dict[str, Any]]:
        """Rows for a template: label, cells, total and its share of the grand total."""
        grand = self.values[-1][-1] if self.has_totals_row else None
        return [
            {"label": label, "cells": row[:-1], "total": row[-1], "share": share(row[-1], grand)}
            for (_code, label), row in zip(self.rows, self.values, strict=False)
        ]

    def shares(self) -> list[list[float | None]]:
        """Each published cell as a share of its published column total."""
        if not self.has_totals_row:
            return [[None for _value in row] for row in self.values]
        totals = self.values[-1]
        return [[share(value, totals[j]) for j, value in enumerate(row)] for row in self.values]


@dataclass(frozen=True)
class CityStatistics:
    year: int
    threshold: int
    services: list[str]
    overview: PublishedTable  # rows: measures (they do not add up: no totals row)
    tables: list[PublishedTable]

    def only(self, services: list[str]) -> CityStatistics:
        chosen = [code for code in self.services if code in services] or self.services
        return replace(
            self,
            services=chosen,
            overview=self.overview.only(chosen),
            tables=[table.only(chosen) for table in self.tables],
        )


def _labels() -> dict[str, dict[str, str]]:
    return {
        "rechtsstatus": {
            code: str(label) for code, label in LegalStatus.choices if code != LegalStatus.UNKNOWN
        },
        "altersgruppen": {name: name for _low, _high, name in AGE_GROUPS},
        "geschlecht": {code: str(label) for code, label in Gender.choices},
    }


def _rows(table: str, counts: dict[str, Counts]) -> list[tuple[str, str]]:
    """Fixed code lists where there are some (comparable from year to year); districts
    alphabetically, regions by size; values not known last."""
    seen: Counter[str] = Counter()
    for service in counts.values():
        seen.update(service[table])
    fixed = _labels().get(table)
    if fixed is not None:
        rows = list(fixed.items())
    elif table == "stadtteile":
        rows = [(name, name) for name in sorted(seen, key=str.casefold) if name != UNKNOWN]
    else:
        rows = [(name, name) for name, _n in seen.most_common() if name != UNKNOWN]
    return [*rows, (UNKNOWN, _("not known"))]


def _titles() -> dict[str, tuple[str, str, str]]:
    """table -> (title, unit, heading of the row labels)"""
    return {
        "stadtteile": (
            _("Cases by district of residence and service"),
            _("cases"),
            _("District"),
        ),
        "herkunftsregionen": (
            _("Clients by region of origin and service"),
            _("clients"),
            _("Region of origin"),
        ),
        "rechtsstatus": (
            _("Clients by legal status and service"),
            _("clients"),
            _("Legal status"),
        ),
        "altersgruppen": (_("Clients by age group and service"), _("clients"), _("Age group")),
        "geschlecht": (_("Clients by gender and service"), _("clients"), _("Gender")),
    }


def measure_labels() -> dict[str, str]:
    return {
        "faelle": _("Cases"),
        "faelle_neu": _("New cases"),
        "faelle_beendet": _("Closed cases"),
        "case_management_faelle": _("Case management cases"),
        "ratsuchende": _("Clients"),
        "personen_erreicht": _("Persons reached"),
        "beratungssitzungen": _("Counselling sessions"),
    }


def city_statistics(year: int, threshold: int | None = None) -> CityStatistics:
    """Every table of the city-wide statistics for `year`, protected together."""
    if threshold is None:
        threshold = settings.SMALL_NUMBER_THRESHOLD
    counts = city_counts(year)
    services = sorted(counts)
    grids: list[list[list[int]]] = []
    links: list[dict[Cell, tuple[str, str]]] = []
    # The overview: one single-row table per measure (services side by side with their
    # total); its "clients" and "cases" rows are the column totals of the cross tables.
    for measure in MEASURES:
        grids.append([[counts[code]["measures"][measure] for code in services]])
        links.append(
            {(i, j): (measure, code) for i in (0, 1) for j, code in enumerate([*services, TOTAL])}
        )
    rows_of = {table: _rows(table, counts) for table in TABLES}
    for table in TABLES:
        grids.append(
            [
                [counts[code][table].get(row, 0) for code in services]
                for row, _label in rows_of[table]
            ]
        )
        linked = "faelle" if table == "stadtteile" else "ratsuchende"
        bottom = len(rows_of[table])
        links.append({(bottom, j): (linked, code) for j, code in enumerate([*services, TOTAL])})
    hidden = suppress_linked(grids, links, threshold)
    figures = [published(grid, cells) for grid, cells in zip(grids, hidden, strict=True)]
    labels = measure_labels()
    overview = PublishedTable(
        key="uebersicht",
        title=_("Overview by service"),
        unit="",
        rows=[(measure, labels[measure]) for measure in MEASURES],
        columns=services,
        values=[figures[n][0] for n in range(len(MEASURES))],
        row_heading=_("Figure"),
        has_totals_row=False,
    )
    titles = _titles()
    tables = [
        PublishedTable(
            key=table,
            title=titles[table][0],
            unit=titles[table][1],
            rows=rows_of[table],
            columns=services,
            values=figures[len(MEASURES) + n],
            row_heading=titles[table][2],
        )
        for n, table in enumerate(TABLES)
    ]
    return CityStatistics(year, threshold, services, overview, tables)
