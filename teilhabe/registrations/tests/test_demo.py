"""The demo's public events: one full with a waiting list, one past with its check-in
in the activity report."""

from __future__ import annotations

import pytest

from teilhabe.activities.figures import activity_figures
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation
from teilhabe.registrations import selectors
from teilhabe.registrations.demo import load_registrations
from teilhabe.registrations.models import Listing

pytestmark = pytest.mark.django_db


def test_demo_events_with_registrations(provider: Organisation) -> None:
    create_organisation("caritas", "Caritas Teststadt", ["QM"])
    load_registrations()
    full = Listing.objects.get(event__title__startswith="Infoabend")
    figures = selectors.figures(full)
    assert (figures.capacity, figures.confirmed, figures.places_left) == (17, 17, 0)
    assert figures.waiting == 4
    past = Listing.objects.get(event__title="Interkulturelles Frühstück")
    assert selectors.figures(past).present == 9
    year = past.event.date.year
    rows = activity_figures(provider, year).events
    assert [row.participants for row in rows if row.id == past.event_id] == [9]
    assert Listing.objects.filter(event__organisation__slug="caritas").count() == 1
