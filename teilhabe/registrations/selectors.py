"""Reads of event registrations: places left, the figures of a listing, public lists.

Nothing here reads "today": the views pass the day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum

from teilhabe.registrations.models import Listing, Registration, Status


def persons(registrations: QuerySet[Registration]) -> int:
    return int(registrations.aggregate(total=Sum("persons", default=0))["total"])


def confirmed_persons(listing: Listing) -> int:
    return persons(listing.registrations.filter(status=Status.CONFIRMED))


def places_left(listing: Listing) -> int:
    """Places not taken by confirmed registrations (never below 0)."""
    return max(listing.capacity - confirmed_persons(listing), 0)


@dataclass(frozen=True)
class Figures:
    """Persons by the status of their registration; deleted registrations included
    through the counts the listing kept."""

    registrations: int
    confirmed: int
    waiting: int
    cancelled: int
    attended: int
    walk_ins: int
    capacity: int

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    @property
    def present(self) -> int:
        return self.attended + self.walk_ins


def figures(listing: Listing) -> Figures:
    rows = listing.registrations.all()
    sums = rows.aggregate(
        confirmed=Sum("persons", filter=Q(status=Status.CONFIRMED), default=0),
        waiting=Sum("persons", filter=Q(status=Status.WAITING), default=0),
        cancelled=Sum("persons", filter=Q(status=Status.CANCELLED), default=0),
        attended=Sum("persons", filter=Q(attended=True), default=0),
    )
    return Figures(
        registrations=rows.count(),
        confirmed=sums["confirmed"] + listing.kept_confirmed,
        waiting=sums["waiting"] + listing.kept_waiting,
        cancelled=sums["cancelled"] + listing.kept_cancelled,
        attended=sums["attended"] + listing.kept_attended,
        walk_ins=listing.walk_ins,
        capacity=listing.capacity,
    )


def is_open(listing: Listing, day: datetime.date) -> bool:
    """Registration is possible until the event's (first) day."""
    event = listing.event
    return (
        listing.published
        and listing.registration_open
        and not event.cancelled
        and event.date >= day
        and listing.registrations_deleted_on is None
    )


def public_listings() -> QuerySet[Listing]:
    return Listing.objects.filter(published=True).select_related("event", "event__organisation")


def upcoming_of(organisation_id: int, day: datetime.date) -> QuerySet[Listing]:
    """An organisation's published events from `day` on (events over several days while
    they last), soonest first."""
    return (
        public_listings()
        .filter(event__organisation_id=organisation_id, event__organisation__is_active=True)
        .filter(Q(event__date__gte=day) | Q(event__end_date__gte=day))
        .order_by("event__date", "event__starts_at", "pk")
    )


def listings_of(organisation_ids: list[int]) -> QuerySet[Listing]:
    return (
        Listing.objects.filter(event__organisation_id__in=organisation_ids)
        .select_related("event", "event__organisation")
        .order_by("-event__date", "pk")
    )
