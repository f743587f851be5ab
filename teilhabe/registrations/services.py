"""Write paths of event registrations: register, cancel, move up, check in.

Every path that changes who holds a place locks the listing's row first
(`select_for_update`; on SQLite the IMMEDIATE transaction locks the database), so two
registrations at the same moment are decided one after the other and the confirmed
persons never exceed the capacity.

The waiting list (decided): registrations wait in the order they arrived. When places
free up, the list is walked in that order and every registration whose persons fit in
the places left moves up; one that does not fit is skipped and keeps its place at the
head, so it moves up first as soon as enough places are free. A new registration that
fits in the places left is confirmed by the same rule, even while a larger one waits.
Nobody ever moves up beyond the capacity.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities import services as activity_services
from teilhabe.activities.counts import filled_in
from teilhabe.activities.models import Event
from teilhabe.core.versioning import EditConflict
from teilhabe.registrations import selectors
from teilhabe.registrations.models import Listing, Registration, Status

REGISTRATION_FIELDS = (
    "name",
    "email",
    "persons",
    "interpretation_language",
    "childcare",
    "accessibility",
    "note",
)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def by_token(token: str) -> Registration | None:
    """The registration a cancel link opens (only the token's hash is stored)."""
    if not 20 <= len(token) <= 100:
        return None
    return (
        Registration.objects.filter(token_hash=hash_token(token))
        .select_related("listing__event__organisation")
        .first()
    )


def _locked(listing_id: int) -> Listing:
    return Listing.objects.select_for_update().select_related("event").get(pk=listing_id)


def create_listing(event: Event, **fields: Any) -> Listing:
    listing = Listing(event=event, **fields)
    listing.full_clean()
    listing.save()
    return listing


def save_listing(listing: Listing, version: int | None = None) -> list[Registration]:
    """Saves a changed listing; more places move waiting registrations up. Fewer places
    than persons already confirmed are refused (nobody loses a confirmed place); with
    `version`, a listing saved by somebody else meanwhile is refused (EditConflict)."""
    with transaction.atomic():
        stored = _locked(listing.pk)
        if version is not None and stored.version != version:
            raise EditConflict
        taken = selectors.confirmed_persons(listing)
        if listing.capacity < taken:
            raise ValidationError(
                {
                    "capacity": _(
                        "%(taken)s persons are confirmed already; the places cannot be fewer."
                    )
                    % {"taken": taken}
                }
            )
        listing.version = stored.version + 1
        listing.full_clean()
        listing.save()
        return _move_up(listing, timezone.now())


def register(listing_id: int, *, day: datetime.date, **fields: Any) -> tuple[Registration, str]:
    """A confirmed registration if the persons fit in the places left, else one on the
    waiting list; returns it with the cancel link's token (kept only as its hash)."""
    unknown = set(fields) - set(REGISTRATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        listing = _locked(listing_id)
        if not selectors.is_open(listing, day):
            raise ValidationError(_("Registration for this event is closed."))
        fits = fields.get("persons", 1) <= selectors.places_left(listing)
        registration = Registration(
            listing=listing,
            token_hash=hash_token(token),
            consent_at=timezone.now(),
            status=Status.CONFIRMED if fits else Status.WAITING,
            **fields,
        )
        registration.full_clean(exclude=["token_hash"])
        registration.save()
    return registration, token


def _move_up(listing: Listing, now: datetime.datetime) -> list[Registration]:
    """Moves waiting registrations up into the places left (rule: module docstring).
    Call with the listing locked."""
    left = selectors.places_left(listing)
    moved: list[Registration] = []
    for waiting in listing.registrations.filter(status=Status.WAITING).order_by("pk"):
        if left == 0:
            break
        if waiting.persons > left:
            continue  # does not fit: skipped, keeps its place
        waiting.status, waiting.moved_up_at = Status.CONFIRMED, now
        waiting.save(update_fields=["status", "moved_up_at"])
        left -= waiting.persons
        moved.append(waiting)
    return moved


def cancel(registration: Registration) -> list[Registration]:
    """Cancels the registration and returns those that moved up into its places.
    Cancelling twice changes nothing."""
    with transaction.atomic():
        listing = _locked(registration.listing_id)
        current = Registration.objects.select_for_update().get(pk=registration.pk)
        if current.status == Status.CANCELLED:
            return []
        now = timezone.now()
        current.status, current.cancelled_at, current.attended = Status.CANCELLED, now, False
        current.save(update_fields=["status", "cancelled_at", "attended"])
        registration.status, registration.cancelled_at = current.status, now
        return _move_up(listing, now)


def check_in(listing: Listing, present: set[int], walk_ins: int) -> int:
    """Ticks who came (registration ids among the confirmed) and writes the persons
    present, with those who came without registering, to the event's attendance, so
    that they count in the activity report. The breakdown by gender and age is recorded
    as unknown; the event's attendance page can refine it. Returns the persons present."""
    with transaction.atomic():
        locked = _locked(listing.pk)
        confirmed = locked.registrations.filter(status=Status.CONFIRMED)
        confirmed.filter(pk__in=present).update(attended=True)
        confirmed.exclude(pk__in=present).update(attended=False)
        locked.walk_ins = walk_ins
        locked.full_clean()
        locked.save(update_fields=["walk_ins"])
        total = selectors.figures(locked).present
        activity_services.record_event_attendance(locked.event, counts=filled_in({"total": total}))
    listing.walk_ins = walk_ins
    return total
