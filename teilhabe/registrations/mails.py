"""Mails to the persons who registered: confirmation (with the cancel link and the
event as an .ics file), moved up from the waiting list, reminder the day before.

Only the confirmation can carry the cancel link: the token is kept as its hash only,
so later mails point to the link of the first one.
"""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.activities import ical
from teilhabe.activities.selectors import Entry
from teilhabe.registrations.models import Listing, Registration, Status

ICS_NAME = "veranstaltung.ics"


def calendar_entry(listing: Listing) -> Entry:
    """The event as the activities calendar's entry (same UID, so a calendar that has
    both updates one entry): title, times and place, nothing about a person."""
    event = listing.event
    return Entry(
        uid=f"veranstaltung-{event.pk}",
        kind="event",
        title=event.title,
        date=event.date,
        end_date=event.end_date,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        place=", ".join(part for part in (event.place, listing.address) if part),
        cancelled=event.cancelled,
        event_id=event.pk,
    )


def event_ics(listing: Listing, host: str) -> bytes:
    return ical.to_ical(listing.event.title, [calendar_entry(listing)], host)


def _when(listing: Listing) -> str:
    event = listing.event
    text = formats.date_format(event.date, "d.m.Y")
    if event.starts_at:
        text += " " + _("at %(time)s") % {"time": event.starts_at.strftime("%H:%M")}
    return text


def _values(registration: Registration) -> dict[str, str]:
    listing = registration.listing
    return {
        "name": registration.name,
        "title": listing.event.title[:100],
        "when": _when(listing),
        "place": ", ".join(p for p in (listing.event.place, listing.address) if p) or "–",
        "persons": str(registration.persons),
    }


def _send(registration: Registration, subject: str, body: str, host: str | None) -> None:
    message = EmailMessage(subject, body, None, [registration.email])
    if host is not None:
        message.attach(ICS_NAME, event_ics(registration.listing, host), "text/calendar")
    message.send()


def confirmation(registration: Registration, cancel_link: str, host: str) -> None:
    values = {**_values(registration), "link": cancel_link}
    if registration.status == Status.CONFIRMED:
        subject = _("Registration confirmed: %(title)s") % values
        opening = (
            _(
                "your registration for “%(title)s” on %(when)s (%(place)s) for %(persons)s "
                "person(s) is confirmed. The event is attached as a calendar file."
            )
            % values
        )
    else:
        subject = _("Waiting list: %(title)s") % values
        opening = (
            _(
                "the event “%(title)s” on %(when)s is fully booked. Your registration for "
                "%(persons)s person(s) is on the waiting list; if places become free, you move "
                "up in the order of registration and we write to you."
            )
            % values
        )
    body = _(
        "Hello %(name)s,\n\n%(opening)s\n\nIf you cannot come, please cancel with this "
        "link, so that others can take your place:\n\n%(link)s\n\nKeep this mail: "
        "whoever has the link can cancel the registration."
    ) % {**values, "opening": opening}
    _send(registration, subject, body, host if registration.status == Status.CONFIRMED else None)


def moved_up(registration: Registration, host: str) -> None:
    values = _values(registration)
    subject = _("A place is free for you: %(title)s") % values
    body = (
        _(
            "Hello %(name)s,\n\nplaces have become free: your registration for “%(title)s” "
            "on %(when)s (%(place)s) for %(persons)s person(s) is now confirmed. The event is "
            "attached as a calendar file.\n\nIf you cannot come, please cancel with the link "
            "from our first mail."
        )
        % values
    )
    _send(registration, subject, body, host)


def reminder(registration: Registration) -> None:
    values = _values(registration)
    subject = _("Reminder: %(title)s tomorrow") % values
    body = (
        _(
            "Hello %(name)s,\n\nwe look forward to seeing you tomorrow at “%(title)s”, "
            "%(when)s, %(place)s (%(persons)s person(s)).\n\nIf you cannot come, please cancel "
            "with the link from our confirmation mail."
        )
        % values
    )
    _send(registration, subject, body, None)


def event_cancelled(registration: Registration) -> None:
    values = _values(registration)
    subject = _("Cancelled: %(title)s") % values
    body = (
        _(
            "Hello %(name)s,\n\nwe are sorry: the event “%(title)s” on %(when)s is cancelled. "
            "Your registration for %(persons)s person(s) no longer holds; you need not do "
            "anything."
        )
        % values
    )
    _send(registration, subject, body, None)
