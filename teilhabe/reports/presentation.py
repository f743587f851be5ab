"""The annual figures laid out for people: key figures with the previous year, sections
of tables with labels and the definitions of shared/formats/annual-report.md.

The page, the PDF and the XLSX all read this layout, so that they show the same
tables in the same order; the numbers are the engine's (figures.py), never recomputed.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.models.codes import (
    AccessRoute,
    CaseKind,
    Gender,
    GoalArea,
    GoalStatus,
    LegalStatus,
    SchoolQualification,
    Topic,
)
from teilhabe.core.countries import country_name
from teilhabe.reports.definitions import DEFINITIONS, KEY_FIGURES, TABLES, TableSpec
from teilhabe.reports.figures import AGE_GROUPS, Scope
from teilhabe.reports.freeze import figures_for, frozen_report

NBSP = "\u00a0"


def number(value: float | int | None, decimals: int = 0) -> str:
    """In the language's format: 1.234 and 41,34 in German."""
    if value is None:
        return "–"
    return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def percent(value: float | int | None) -> str:
    return "–" if value is None else f"{number(value, 2)}{NBSP}%"


def formatted(value: float | int | None, is_share: bool) -> str:
    return percent(value) if is_share else number(value)


RESIDENCE = {
    "in_deutschland_geboren": gettext_lazy("born in Germany"),
    "unter_2": gettext_lazy("less than 2 years"),
    "2_bis_5": gettext_lazy("2 to less than 5 years"),
    "ab_5": gettext_lazy("5 years or more"),
}
CODE_LABELS: dict[str, dict[str, Any]] = {
    "rechtsstatus": dict(LegalStatus.choices),
    "geschlecht": dict(Gender.choices),
    "aufenthaltsdauer": RESIDENCE,
    "schulabschluss": dict(SchoolQualification.choices),
    "zugangswege": dict(AccessRoute.choices),
    "themen": dict(Topic.choices),
    "ziele_nach_bereich": dict(GoalArea.choices),
    "ziele_status_jahresende": dict(GoalStatus.choices),
}
# Tables whose rows keep the order of their groups rather than the largest first.
NATURAL_ORDER = {
    "altersgruppen": [name for _low, _high, name in AGE_GROUPS],
    "aufenthaltsdauer": list(RESIDENCE),
}


def label(key: str, code: str) -> str:
    if key == "herkunftslaender":
        return country_name(code)
    if key == "altersgruppen":
        return _("%(group)s years") % {"group": code.replace("-", "–")}
    return str(CODE_LABELS.get(key, {}).get(code, code))


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    value: float | int | None
    previous: float | int | None
    is_share: bool = True

    @property
    def formatted_value(self) -> str:
        return formatted(self.value, self.is_share)

    @property
    def formatted_previous(self) -> str:
        return formatted(self.previous, self.is_share)


@dataclass(frozen=True)
class Table:
    spec: TableSpec
    rows: list[Row]
    year: int
    previous_year: int | None
    known: int  # clients (or cases) with the value known: the base of the shares
    unknown: int | None
    previous_known: int | None = None
    previous_unknown: int | None = None

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def is_share(self) -> bool:
        return self.spec.unit == "percent"

    @property
    def has_previous(self) -> bool:
        """Whether the previous year has values to compare with (not just no cases)."""
        return self.previous_year is not None and any(r.previous is not None for r in self.rows)

    @property
    def definition(self) -> str:
        return str(DEFINITIONS[self.key])

    def formatted(self, value: float | int | None) -> str:
        return formatted(value, self.is_share)

    def base_note(self) -> str:
        """Over whom the shares are counted, and how many have the value unknown."""
        if self.unknown is None:
            return ""
        if self.spec.over_cases:
            text = _("Shares of %(known)s cases with the value known; %(unknown)s without.")
        else:
            text = _("Shares of %(known)s clients with the value known; %(unknown)s without.")
        text %= {"known": number(self.known), "unknown": number(self.unknown)}
        if self.has_previous and self.previous_unknown is not None:
            text += " " + _("%(year)s: %(known)s with, %(unknown)s without.") % {
                "year": self.previous_year,
                "known": number(self.previous_known),
                "unknown": number(self.previous_unknown),
            }
        return text


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    value: float | int
    previous: float | int | None
    is_share: bool

    @property
    def definition(self) -> str:
        return str(DEFINITIONS[self.key])

    @property
    def formatted_value(self) -> str:
        return formatted(self.value, self.is_share)

    @property
    def formatted_previous(self) -> str:
        return formatted(self.previous, self.is_share)


@dataclass(frozen=True)
class Section:
    title: str
    tables: list[Table]


def _rows(spec: TableSpec, current: dict[str, Any], previous: dict[str, Any] | None) -> list[Row]:
    """Both years' values by code: this year's order, then codes only the previous year has
    (age groups and times in Germany in their own order, every group shown). A code missing
    in a year counts 0 there, except that a year without any known value has no shares."""
    key = spec.key
    codes = list(current)
    codes += [code for code in (previous or {}) if code not in current]
    if key in NATURAL_ORDER and codes:
        order = NATURAL_ORDER[key]
        codes = [*order, *(code for code in codes if code not in order)]

    def value(values: dict[str, Any] | None, code: str) -> float | int | None:
        if values is None or (not values and spec.unit == "percent"):
            return None  # no year to compare with, or no client with the value known
        return values.get(code, 0)

    return [
        Row(
            code,
            label(key, code),
            value(current, code),
            value(previous, code),
            spec.unit == "percent",
        )
        for code in codes
    ]


def _base(figures: dict[str, Any], spec: TableSpec) -> tuple[int, int | None]:
    unknown = figures["unbekannt"].get(spec.key)
    if unknown is None:
        return 0, None
    total = figures["faelle"] if spec.over_cases else figures["ratsuchende"]
    return total - unknown, unknown


@dataclass
class AnnualReport:
    """One annual report: whose, which services, which year, and its figures."""

    organisations: Sequence[Any]
    services: Sequence[Any]
    year: int
    kinds: tuple[str, ...]
    figures: dict[str, Any]
    created: datetime.date = field(default_factory=timezone.localdate)
    closed_on: datetime.date | None = None  # the year was closed: stored figures (freeze.py)

    @property
    def previous(self) -> dict[str, Any] | None:
        return self.figures.get("vorjahr")

    @property
    def previous_year(self) -> int | None:
        return self.year - 1 if self.previous is not None else None

    @property
    def organisation_names(self) -> str:
        return ", ".join(str(organisation.name) for organisation in self.organisations)

    @property
    def service_names(self) -> list[str]:
        return [f"{service.name} ({service.code})" for service in self.services]

    @property
    def service_codes(self) -> str:
        return ", ".join(service.code for service in self.services)

    @property
    def kind_label(self) -> str:
        if not self.kinds:
            return _("all cases")
        labels = dict(CaseKind.choices)
        return ", ".join(str(labels.get(kind, kind)) for kind in self.kinds)

    def key_figures(self) -> list[KeyFigure]:
        previous = self.previous
        return [
            KeyFigure(
                key,
                str(text),
                self.figures[key],
                None if previous is None else previous[key],
                key.endswith("_anteil"),
            )
            for key, text in KEY_FIGURES
        ]

    def table(self, spec: TableSpec) -> Table:
        previous = self.previous
        known, unknown = _base(self.figures, spec)
        previous_known, previous_unknown = _base(previous, spec) if previous else (None, None)
        return Table(
            spec,
            _rows(spec, self.figures[spec.key], previous[spec.key] if previous else None),
            self.year,
            self.previous_year,
            known,
            unknown,
            previous_known,
            previous_unknown,
        )

    def sections(self) -> list[Section]:
        return [
            Section(str(title), [self.table(spec) for spec in specs]) for title, specs in TABLES
        ]

    def tables(self) -> list[Table]:
        return [table for section in self.sections() for table in section.tables]


def annual_report(
    organisations: Sequence[Any], services: Sequence[Any], year: int, kinds: tuple[str, ...] = ()
) -> AnnualReport:
    scope = Scope(
        tuple(organisation.pk for organisation in organisations),
        tuple(service.code for service in services),
        kinds,
    )
    closed = frozen_report(scope, year)
    report = AnnualReport(organisations, services, year, kinds, figures_for(scope, year))
    report.closed_on = timezone.localdate(closed.frozen_at) if closed else None
    return report
