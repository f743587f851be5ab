"""Dashboard panels. Each app registers the panels it can offer in its AppConfig.ready,
so that the core knows no app above it; a provider returns None for users it has
nothing to show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass
class Panel:
    title: str | Promise
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


PanelProvider = Callable[[Any], Panel | None]
_providers: list[PanelProvider] = []


def register_panel(provider: PanelProvider) -> PanelProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(user: Any) -> list[Panel]:
    panels = [panel for provider in _providers if (panel := provider(user)) is not None]
    return sorted(panels, key=lambda panel: panel.order)
