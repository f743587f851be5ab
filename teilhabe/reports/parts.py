"""Parts that other apps add to the organisation report and to the city-wide statistics.

Reports knows no app above the ones it always reported on: an app registers its part in
its AppConfig.ready (like casework/case_sections.py), and the report asks the registry.
- An organisation part returns a `ReportSection` of the organisation's year (or None
  when the organisation has nothing of it); the page, PDF, XLSX and CSV lay it out as
  every other section.
- A city part returns the context of its template for the year (or None); the city
  statistics page includes the template under its own tables. A city part publishes
  only what went through core/disclosure.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from teilhabe.reports.report_tables import ReportSection


@dataclass(frozen=True)
class OrganisationPart:
    key: str
    section: Callable[[Any, int], ReportSection | None]  # (organisation, year)
    order: int = 50


@dataclass(frozen=True)
class CityPart:
    key: str
    title: str | Promise
    template: str
    context: Callable[[int], dict[str, Any] | None]  # (year)
    order: int = 50


_organisation_parts: dict[str, OrganisationPart] = {}
_city_parts: dict[str, CityPart] = {}


def register_organisation_part(part: OrganisationPart) -> OrganisationPart:
    _organisation_parts[part.key] = part
    return part


def register_city_part(part: CityPart) -> CityPart:
    _city_parts[part.key] = part
    return part


def organisation_sections(organisation: Any, year: int) -> list[ReportSection]:
    parts = sorted(_organisation_parts.values(), key=lambda part: part.order)
    return [section for part in parts if (section := part.section(organisation, year)) is not None]


def city_parts(year: int) -> list[tuple[CityPart, dict[str, Any]]]:
    parts = sorted(_city_parts.values(), key=lambda part: part.order)
    return [(part, context) for part in parts if (context := part.context(year)) is not None]
