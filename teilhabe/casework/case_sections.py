"""Tabs of the case page that other apps contribute (documents, appointments, ...).

Casework knows no app above it: an app registers a section in its AppConfig.ready,
and the case page shows its tab. Only the open tab's context is computed, so a tab
costs nothing on the other tabs. The provider is called with a case the user may
already open (casework.access checked it); it decides whether the user sees the tab
at all with `offered` (cheap, called for the tab bar on every tab); `context` returning
None sends the reader back to the overview.
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
    offered: Callable[[HttpRequest, Any], bool] | None = None

    def is_offered(self, request: HttpRequest, case: Any) -> bool:
        return self.offered is None or self.offered(request, case)


_sections: dict[str, CaseSection] = {}


def register_case_section(section: CaseSection) -> CaseSection:
    _sections[section.key] = section
    return section


def registered_sections() -> list[CaseSection]:
    return sorted(_sections.values(), key=lambda section: section.order)


def sections_for(request: HttpRequest, case: Any) -> list[CaseSection]:
    return [section for section in registered_sections() if section.is_offered(request, case)]
