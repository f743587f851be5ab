"""Tabs of the case page that other apps contribute (documents, appointments, ...).

Casework knows no app above it: an app registers a section in its AppConfig.ready,
and the case page shows its tab. Only the open tab's context is computed, so a tab
costs nothing on the other tabs. The provider is called with a case the user may
already open (casework.access checked it); it decides whether the user sees the tab
at all by returning None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

# (request, case) -> the template context of the tab, or None when the tab is not offered
SectionContext = Callable[[HttpRequest, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class CaseSection:
    key: str  # the value of ?teil= in the URL, German and lower case, e.g. "dokumente"
    title: str | Promise
    template: str
    context: SectionContext
    order: int = 50


_sections: dict[str, CaseSection] = {}


def register_case_section(section: CaseSection) -> CaseSection:
    _sections[section.key] = section
    return section


def registered_sections() -> list[CaseSection]:
    return sorted(_sections.values(), key=lambda section: section.order)
