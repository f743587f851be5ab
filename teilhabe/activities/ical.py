"""The calendar as iCalendar (RFC 5545): titles, places and times only.

The feed leaves the application (a phone, a shared office calendar), so it carries no
participant, no leader and no note: nothing about a person.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from teilhabe.activities.selectors import Entry

PRODUCT_ID = "-//Teilhabe//Kalender//DE"


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return datetime.datetime.combine(day, time, tzinfo=ZoneInfo(settings.TIME_ZONE))


def to_ical(name: str, entries: Iterable[Entry], domain: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for entry in entries:
        event = VEvent()
        event.add("uid", f"{entry.uid}@{domain}")
        event.add("dtstamp", stamp)
        event.add("summary", entry.title)
        last_day = entry.end_date or entry.date
        if entry.starts_at:
            event.add("dtstart", _local(entry.date, entry.starts_at))
            if entry.ends_at:
                event.add("dtend", _local(last_day, entry.ends_at))
        else:
            # A whole day (or days): DTEND is the day after, exclusive.
            event.add("dtstart", entry.date)
            event.add("dtend", last_day + datetime.timedelta(days=1))
        if entry.place:
            event.add("location", entry.place)
        event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
