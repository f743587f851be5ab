"""Two registrations for the last place at the same moment: one gets it, the other
waits; the confirmed persons never exceed the places.

Two requests to the public form run in their own threads, each with its own database
connection. Both are released at the same moment towards the listing's lock, and the
count of places left is made slow (a pause after it is read), so that without the lock
both would read "1 place left" and both be confirmed: the second test shows exactly
that with the lock taken away, so the first one can fail.

PostgreSQL only: on SQLite the IMMEDIATE transactions serialise the writes anyway, and
the test database is a shared in-memory one whose locks fail at once instead of
waiting (see reports/tests/test_closing_race.py).
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from teilhabe.organisations.catalogue import install_service_catalogue
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation
from teilhabe.registrations import selectors, services
from teilhabe.registrations.models import Listing, Registration, Status
from teilhabe.registrations.tests.world import listed_event

pytestmark = [
    # Skipped before any database set-up: a transactional test skipped in its body still
    # flushes and restores the database, which a later test loading the demo city
    # then finds inconsistent on SQLite.
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="SQLite serialises the registrations by its write lock (see the module)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _two_requests_at_once(listing: Listing, monkeypatch: Any) -> list[int]:
    both_ready = threading.Barrier(2, timeout=60)
    locked, count = services._locked, selectors.places_left

    def together(listing_id: int) -> Listing:
        both_ready.wait()  # both requests have a valid form and go for the place now
        return locked(listing_id)

    def slowly(listing: Listing) -> int:
        left = count(listing)
        time.sleep(0.5)  # the other request would read the same count meanwhile
        return left

    monkeypatch.setattr(services, "_locked", together)
    monkeypatch.setattr(selectors, "places_left", slowly)
    url = reverse("registrations:public:event", kwargs={"pk": listing.pk})
    statuses: list[int] = []

    def post(name: str) -> None:
        try:
            response = Client().post(
                url,
                {"name": name, "email": f"{name}@example.org", "persons": 1, "consent": "on"},
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(name,)) for name in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    return statuses


def _listing() -> Listing:
    # an earlier test with transaction=True may have emptied the tables, the catalogue too
    install_service_catalogue()
    organisation = Organisation.objects.filter(slug="diakonie").first() or create_organisation(
        "diakonie", "Diakonie Teststadt", ["MBE"]
    )
    return listed_event(organisation, capacity=1)


def test_two_registrations_for_the_last_place_at_once(monkeypatch: Any) -> None:
    listing = _listing()
    assert _two_requests_at_once(listing, monkeypatch) == [302, 302]
    statuses = sorted(Registration.objects.filter(listing=listing).values_list("status", flat=True))
    assert statuses == [Status.CONFIRMED, Status.WAITING]
    assert selectors.confirmed_persons(listing) == 1


def test_without_the_lock_the_same_requests_overbook(monkeypatch: Any) -> None:
    """The control: the race is real, so the test above proves the lock."""
    listing = _listing()
    unlocked = lambda listing_id: Listing.objects.select_related("event").get(pk=listing_id)  # noqa: E731
    monkeypatch.setattr(services, "_locked", unlocked)
    assert _two_requests_at_once(listing, monkeypatch) == [302, 302]
    assert selectors.confirmed_persons(listing) == 2  # beyond the one place
