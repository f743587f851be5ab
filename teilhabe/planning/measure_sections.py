"""Sections of the measure page that other apps contribute (participation: the ideas a
measure came from).

The plan knows no app above it (tests/test_layers.py): an app registers a section in
its AppConfig.ready, and the measure page renders it. The provider is called with a
measure the user may already see (planning.access checked it) and returns the
section's template context, or None when there is nothing to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from teilhabe.planning.models import Measure

# (request, measure) -> the template context of the section, or None to leave it out
SectionContext = Callable[[HttpRequest, Measure], dict[str, Any] | None]


@dataclass(frozen=True)
class MeasureSection:
    key: str  # unique; also the id of the section's heading on the page
    title: str | Promise
    template: str
    context: SectionContext
    order: int = 50


@dataclass(frozen=True)
class RenderedSection:
    key: str
    title: str | Promise
    template: str
    context: dict[str, Any]


_sections: dict[str, MeasureSection] = {}


def register_measure_section(section: MeasureSection) -> MeasureSection:
    _sections[section.key] = section
    return section


def sections_for(request: HttpRequest, measure: Measure) -> list[RenderedSection]:
    rendered = []
    for section in sorted(_sections.values(), key=lambda section: section.order):
        context = section.context(request, measure)
        if context is not None:
            rendered.append(RenderedSection(section.key, section.title, section.template, context))
    return rendered
