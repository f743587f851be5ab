"""When the organisers cancel an event (on the activities module's event form), everyone
still registered or waiting is told by mail. Activities knows nothing of registrations,
so the change is read from the event's save: the state before it (pre_save) against the
state after it (post_save); the mails go out once the transaction has committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from teilhabe.activities.models import Event
from teilhabe.registrations import mails
from teilhabe.registrations.models import Listing, Registration, Status

_WAS_CANCELLED = "_registrations_was_cancelled"


def remember_state(sender: Any, instance: Event, **kwargs: Any) -> None:
    before = Event.objects.filter(pk=instance.pk).values_list("cancelled", flat=True).first()
    setattr(instance, _WAS_CANCELLED, bool(before))


def tell_the_registered(sender: Any, instance: Event, created: bool, **kwargs: Any) -> None:
    if created or not instance.cancelled or getattr(instance, _WAS_CANCELLED, True):
        return
    listing = Listing.objects.filter(event=instance).first()
    if listing is None:
        return
    told = list(
        Registration.objects.filter(
            listing=listing, status__in=(Status.CONFIRMED, Status.WAITING)
        ).select_related("listing__event")
    )

    def send() -> None:
        for registration in told:
            mails.event_cancelled(registration)

    transaction.on_commit(send)
