"""Places and the waiting list: who is confirmed, who waits, who moves up on a
cancellation (in order, a registration that does not fit keeps its place), and that
the confirmed persons never exceed the places."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from teilhabe.organisations.models import Organisation
from teilhabe.registrations import selectors, services
from teilhabe.registrations.models import Listing, Registration, Status
from teilhabe.registrations.tests.world import listed_event

pytestmark = pytest.mark.django_db


def _register(listing: Listing, name: str, persons: int) -> Registration:
    registration, _token = services.register(
        listing.pk,
        day=timezone.localdate(),
        name=name,
        email=f"{name}@example.org",
        persons=persons,
    )
    return registration


def _statuses(listing: Listing) -> dict[str, str]:
    return {r.name: r.status for r in Registration.objects.filter(listing=listing)}


def _assert_within_capacity(listing: Listing) -> None:
    listing.refresh_from_db()
    assert selectors.confirmed_persons(listing) <= listing.capacity


def test_registrations_beyond_the_places_wait(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=10)
    a, b = _register(listing, "a", 6), _register(listing, "b", 4)
    c = _register(listing, "c", 1)  # 0 places left
    assert (a.status, b.status, c.status) == (Status.CONFIRMED, Status.CONFIRMED, Status.WAITING)
    assert selectors.places_left(listing) == 0
    figures = selectors.figures(listing)
    assert (figures.confirmed, figures.waiting, figures.places_left) == (10, 1, 0)


def test_a_registration_larger_than_the_places_left_waits(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=5)
    _register(listing, "a", 3)
    assert _register(listing, "b", 3).status == Status.WAITING  # 2 left, 3 persons
    assert _register(listing, "c", 2).status == Status.CONFIRMED  # fits: the same rule
    _assert_within_capacity(listing)


def test_cancellation_moves_the_waiting_list_up_in_order(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=10)
    _register(listing, "a", 6)
    b = _register(listing, "b", 4)
    for name, persons in (("c", 3), ("d", 1), ("e", 2)):
        _register(listing, name, persons)

    moved = services.cancel(b)  # 4 places free: c (3) and d (1) in order; e does not fit

    assert [r.name for r in moved] == ["c", "d"]
    assert _statuses(listing) == {
        "a": "confirmed",
        "b": "cancelled",
        "c": "confirmed",
        "d": "confirmed",
        "e": "waiting",
    }
    assert all(r.moved_up_at is not None for r in moved)
    _assert_within_capacity(listing)
    assert selectors.places_left(listing) == 0


def test_one_that_does_not_fit_keeps_its_place_at_the_head(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=6)
    a = _register(listing, "a", 2)
    b = _register(listing, "b", 4)
    _register(listing, "c", 3)  # waits first
    _register(listing, "d", 2)  # waits second

    assert [r.name for r in services.cancel(a)] == ["d"]  # 2 free: c skipped, d fits
    assert _statuses(listing)["c"] == "waiting"
    # 4 more free: c is still first and moves up before anybody who came later
    _register(listing, "late", 1)  # 0 places left now: waits behind c
    assert [r.name for r in services.cancel(b)] == ["c", "late"]
    _assert_within_capacity(listing)


def test_never_beyond_the_places_after_many_cancellations(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=7)
    everyone = [_register(listing, f"p{n}", 1 + n % 3) for n in range(12)]
    for registration in everyone[::2]:
        services.cancel(registration)
        _assert_within_capacity(listing)
    waiting = Registration.objects.filter(listing=listing, status=Status.WAITING)
    left = selectors.places_left(listing)
    assert all(r.persons > left for r in waiting), "a waiting registration that fits was left"


def test_cancelling_twice_changes_nothing(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=1)
    a = _register(listing, "a", 1)
    _register(listing, "b", 1)
    assert [r.name for r in services.cancel(a)] == ["b"]
    assert services.cancel(a) == []
    assert _statuses(listing) == {"a": "cancelled", "b": "confirmed"}


def test_more_places_move_up_and_fewer_than_confirmed_are_refused(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=2)
    _register(listing, "a", 2)
    _register(listing, "b", 1)
    listing.capacity = 1
    with pytest.raises(ValidationError):
        services.save_listing(listing)
    listing.capacity = 3
    assert [r.name for r in services.save_listing(listing)] == ["b"]


def test_closed_registration_is_refused(provider: Organisation) -> None:
    listing = listed_event(provider, capacity=5, registration_open=False)
    with pytest.raises(ValidationError):
        _register(listing, "a", 1)
    past = listed_event(provider, capacity=5, days_ahead=-1, title="Vorbei")
    with pytest.raises(ValidationError):
        _register(past, "a", 1)


def test_check_in_writes_the_persons_present_to_the_event(provider: Organisation) -> None:
    from teilhabe.activities.figures import activity_figures

    listing = listed_event(provider, capacity=10)
    a, b = _register(listing, "a", 3), _register(listing, "b", 2)
    _register(listing, "c", 4)
    assert services.check_in(listing, {a.pk, b.pk}, walk_ins=1) == 6
    event = listing.event
    event.refresh_from_db()
    assert (event.total, event.gender_unknown, event.age_unknown) == (6, 6, 6)
    row = next(e for e in activity_figures(provider, event.date.year).events if e.id == event.pk)
    assert row.participants == 6
    # untick b: the attendance follows
    assert services.check_in(listing, {a.pk}, walk_ins=0) == 3
    event.refresh_from_db()
    assert event.total == 3


def test_waiting_registration_cannot_be_checked_in(provider: Organisation, settings: Any) -> None:
    listing = listed_event(provider, capacity=1)
    _register(listing, "a", 1)
    waiting = _register(listing, "b", 1)
    assert services.check_in(listing, {waiting.pk}, walk_ins=0) == 0
    waiting.refresh_from_db()
    assert not waiting.attended
    assert mail.outbox == []  # the services send no mail; the views do
