"""The link on an event's page (activities/event_links.py): to its public registration,
or to listing it for registration while it is ahead and not cancelled. The event page
and the listing pages have the same organisers (activities.manage_groups, scoped by
GROUP_ROLES), so the link never leads to a page its viewer may not open."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities.event_links import EventLink
from teilhabe.activities.models import Event
from teilhabe.registrations.models import Listing


def registration_link(event: Event) -> EventLink | None:
    listing = Listing.objects.filter(event=event).only("pk").first()
    if listing is not None:
        url = reverse("registrations:listing_detail", kwargs={"pk": listing.pk})
        return EventLink(_("Public registration: registrations and waiting list"), url)
    last_day = event.end_date or event.date
    if event.cancelled or last_day < timezone.localdate():
        return None
    url = reverse("registrations:listing_create") + f"?veranstaltung={event.pk}"
    return EventLink(_("List publicly for registration"), url)
