"""Records of event registrations for the role matrix and the axe run."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from teilhabe.activities import services as activity_services
from teilhabe.organisations.models import Organisation
from teilhabe.registrations import services
from teilhabe.registrations.models import Listing


def listed_event(
    organisation: Organisation, capacity: int = 10, days_ahead: int = 10, **fields: Any
) -> Listing:
    """A public listing of a new event `days_ahead` days from today."""
    event = activity_services.create_event(
        organisation,
        kind="event",
        title=fields.pop("title", "Infoabend Anerkennung"),
        date=timezone.localdate() + datetime.timedelta(days=days_ahead),
        starts_at=datetime.time(18, 0),
        ends_at=datetime.time(20, 0),
        place="Stadtteilzentrum Westhagen",
    )
    return services.create_listing(event, capacity=capacity, **fields)


def registrations_world(provider: Organisation) -> dict[str, Any]:
    listing = listed_event(provider, capacity=5, interpretation=["ukr"], childcare=True)
    _registration, token = services.register(
        listing.pk,
        day=timezone.localdate(),
        name="Rita Matrix",  # not a client name other tests look for
        email="olena@example.org",
        persons=2,
    )
    return {"<listing>": listing.pk, "<registration_token>": token}
