"""The deletion after the period keeps the counts; reminders the day before, once."""

from __future__ import annotations

import datetime
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from teilhabe.organisations.models import Organisation
from teilhabe.registrations import housekeeping, selectors, services
from teilhabe.registrations.models import Listing, Registration
from teilhabe.registrations.tests.world import listed_event

pytestmark = pytest.mark.django_db


def _filled(organisation: Organisation, days_ahead: int = 2, **fields: Any) -> Listing:
    """3 places: a (2, came), b (1, did not come), c (2, waits), d (1, cancelled)."""
    listing = listed_event(organisation, capacity=3, days_ahead=days_ahead, **fields)
    made = {}
    for name, persons in (("a", 2), ("b", 1), ("c", 2), ("d", 1)):
        made[name], _token = services.register(
            listing.pk,
            day=timezone.localdate(),
            name=name,
            email=f"{name}@example.org",
            persons=persons,
        )
    services.cancel(made["d"])
    services.check_in(listing, {made["a"].pk}, walk_ins=4)
    return listing


def test_deletion_after_the_period_keeps_the_counts(provider: Organisation) -> None:
    listing = _filled(provider)
    before = selectors.figures(listing)
    assert (before.confirmed, before.waiting, before.cancelled, before.attended) == (3, 2, 1, 2)
    assert before.present == 6
    event_day = listing.event.date

    # on the last day of the period nothing is deleted
    assert housekeeping.delete_registrations(event_day + datetime.timedelta(days=30)) == 0
    assert Registration.objects.filter(listing=listing).count() == 4

    deleted = housekeeping.delete_registrations(event_day + datetime.timedelta(days=31))

    assert deleted == 4
    assert not Registration.objects.filter(listing=listing).exists()
    listing.refresh_from_db()
    after = selectors.figures(listing)
    assert (after.confirmed, after.waiting, after.cancelled, after.attended, after.present) == (
        before.confirmed,
        before.waiting,
        before.cancelled,
        before.attended,
        before.present,
    )
    assert listing.registrations_deleted_on == event_day + datetime.timedelta(days=31)
    listing.event.refresh_from_db()
    assert listing.event.total == 6  # the activity report's attendance stays as well
    # a second run finds nothing and changes no count
    assert housekeeping.delete_registrations(event_day + datetime.timedelta(days=32)) == 0
    listing.refresh_from_db()
    assert selectors.figures(listing) == after


def test_the_period_is_a_setting(provider: Organisation, settings: Any) -> None:
    settings.REGISTRATION_KEEP_DAYS = 7
    listing = _filled(provider)
    assert housekeeping.delete_registrations(listing.event.date + datetime.timedelta(days=8)) == 4


def test_the_command_deletes_what_is_due(provider: Organisation, settings: Any) -> None:
    settings.REGISTRATION_KEEP_DAYS = 0
    past = _filled(provider, days_ahead=2)
    event = past.event
    event.date = timezone.localdate() - datetime.timedelta(days=1)
    event.save()
    coming = _filled(provider, days_ahead=3, title="Kommt noch")
    out = StringIO()
    call_command("registrations_purge", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 events")
    assert Registration.objects.filter(listing=past).count() == 4
    call_command("registrations_purge", stdout=StringIO())
    assert not Registration.objects.filter(listing=past).exists()
    assert Registration.objects.filter(listing=coming).count() == 4


def test_reminder_the_day_before_once_to_confirmed_only(provider: Organisation) -> None:
    listing = _filled(provider, days_ahead=1)
    later = _filled(provider, days_ahead=2, title="Übermorgen")
    mail.outbox.clear()
    today = timezone.localdate()

    assert housekeeping.send_reminders(today) == 2  # a and b; c waits, d cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert listing.event.title in mail.outbox[0].subject
    assert housekeeping.send_reminders(today) == 0  # a second run mails nobody twice
    assert not Registration.objects.filter(listing=later, reminded_at__isnull=False).exists()


def test_the_deletion_leaves_no_name_in_the_audit_log(provider: Organisation) -> None:
    from auditlog.models import LogEntry

    listing = _filled(provider)
    entries = LogEntry.objects.filter(content_type__model="registration")
    assert any("a@example.org" in str(entry.changes) for entry in entries)  # audited
    housekeeping.delete_registrations(listing.event.date + datetime.timedelta(days=31))
    texts = [
        f"{entry.changes} {entry.changes_text} {entry.object_repr} {entry.serialized_data}"
        for entry in LogEntry.objects.filter(content_type__model="registration")
    ]
    assert texts and not any("example.org" in text for text in texts)
