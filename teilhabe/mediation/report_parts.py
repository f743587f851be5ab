"""Mediation's part of the organisation report and of the city-wide statistics
(registered with reports/parts.py in MediationConfig.ready).

Both publish the figures of `figures.py` through `figures.city_tables`, i.e. through
core/disclosure.py: the organisation report leaves the organisation (funders, the
council), so it gets the same protection as the city. A hidden count is "•" (with
"not published" for screen readers) everywhere, as in the city statistics.
Unmet demand by language is the "unfulfilled" column of the protected language
table, so it hides what that table hides. The median lead time is no count and is
given as it is.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.mediation import figures
from teilhabe.mediation.models import MediationRequest
from teilhabe.reports.report_tables import Cell, Column, Fixed, ReportSection, ReportTable

HIDDEN = "•"


def _shown(value: int | None) -> Cell:
    return HIDDEN if value is None else value


def _published(organisation_ids: list[int] | None, year: int) -> figures.Figures:
    return figures.tally(figures.facts(organisation_ids, year, timezone.localdate()))


def unmet_by_language(table: figures.PublishedTable) -> list[tuple[str, int | None]]:
    """Languages with unfulfilled requests, most first; a hidden count is None (listed
    after the published ones: its size is not known)."""
    rows = [(row[0], row[3]) for row in table.rows if row[3] != 0]
    return sorted(rows, key=lambda row: (row[1] is None, -(row[1] or 0), row[0]))


def organisation_section(organisation: Any, year: int) -> ReportSection | None:
    if not MediationRequest.objects.filter(organisation=organisation, date__year=year).exists():
        return None
    result = _published([organisation.pk], year)
    columns = (
        Column(_("Requests")),
        Column(_("Fulfilled")),
        Column(_("Unfulfilled")),
        Column(_("Other (cancelled, no-show, ahead)")),
    )
    note = _("• not published: a small number, or a figure from which one could be recomputed.")
    tables: list[ReportTable] = []
    published = figures.city_tables(result)
    for table in published:
        label = str(figures.DIMENSION_LABELS[table.dimension])
        rows: list[tuple[Cell, ...]] = [
            (key, *(_shown(value) for value in values)) for key, *values in table.rows
        ]
        rows.append((_("Total"), *(_shown(value) for value in table.totals)))
        tables.append(
            ReportTable(
                f"sprachmittlung_{table.dimension}",
                _("Language mediation: requests %(by)s") % {"by": label},
                label[:31],
                (Column(label, False), *columns),
                rows,
                [*(str(row[0]) for row in table.rows), "gesamt"],
                note,
            )
        )
    (languages,) = [table for table in published if table.dimension == "language"]
    unmet = unmet_by_language(languages)
    tables.append(
        ReportTable(
            "sprachmittlung_bedarf",
            _("Language mediation: unmet demand by language"),
            _("Unmet demand"),
            (Column(_("Language"), False), Column(_("Unfulfilled"))),
            [(language, _shown(count)) for language, count in unmet],
            [language for language, _count in unmet],
            note,
        )
    )
    lead = result.lead_median_hours
    tables.append(
        ReportTable(
            "sprachmittlung_vorlauf",
            _("Language mediation: lead time"),
            _("Lead time"),
            (Column(_("Figure"), False), Column(str(year))),
            [
                (
                    _("Median lead time (request to assignment, hours)"),
                    Fixed(lead, 1) if lead is not None else None,
                )
            ],
            ["vorlauf_median_stunden"],
        )
    )
    return ReportSection("sprachmittlung", _("Language and culture mediation"), tables)


def city_context(year: int) -> dict[str, Any] | None:
    if not MediationRequest.objects.filter(date__year=year).exists():
        return None
    result = _published(None, year)
    published = figures.city_tables(result)
    (languages,) = [table for table in published if table.dimension == "language"]
    return {
        "year": year,
        "tables": [
            (figures.DIMENSION_LABELS[table.dimension], table.rows, table.totals)
            for table in published
        ],
        "unmet": unmet_by_language(languages),
        "lead_median_hours": result.lead_median_hours,
    }


CITY_TITLE = gettext_lazy("Language and culture mediation")
