"""Links other apps add to an event's page, registered in their AppConfig.ready (the
public registration of `registrations`): activities knows nothing of those apps. A
provider sees only events the page's viewer may open (the page checks that first)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from teilhabe.activities.models import Event


@dataclass(frozen=True)
class EventLink:
    label: str
    url: str


EventLinkProvider = Callable[[Event], EventLink | None]
_PROVIDERS: list[EventLinkProvider] = []


def register_event_link(provider: EventLinkProvider) -> EventLinkProvider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def links_for(event: Event) -> list[EventLink]:
    return [link for provider in _PROVIDERS if (link := provider(event)) is not None]
