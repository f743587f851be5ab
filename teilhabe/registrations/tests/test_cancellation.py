"""An event cancelled on the activities form tells everyone registered or waiting, once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from teilhabe.organisations.models import Organisation
from teilhabe.registrations import services
from teilhabe.registrations.tests.world import listed_event

pytestmark = pytest.mark.django_db


def test_cancelling_the_event_mails_the_registered_and_the_waiting_once(
    provider: Organisation, django_capture_on_commit_callbacks: Any
) -> None:
    listing = listed_event(provider, capacity=2, title="Elternabend")
    made = {}
    for name, persons in (("anna", 2), ("ben", 1), ("cem", 1)):
        made[name] = services.register(
            listing.pk,
            day=timezone.localdate(),
            name=name,
            email=f"{name}@example.org",
            persons=persons,
        )[0]
    services.cancel(made["cem"])  # cancelled before: not told again
    mail.outbox.clear()

    event = listing.event
    event.title = "Elternabend (neuer Raum)"
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert mail.outbox == []  # a change that is no cancellation mails nobody

    event.cancelled = True
    with django_capture_on_commit_callbacks(execute=True):
        event.save()
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    assert all(m.subject.startswith("Abgesagt: Elternabend") for m in mail.outbox)
    assert "abgesagt" in mail.outbox[0].body

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event.save()  # still cancelled: nobody is told twice
    assert mail.outbox == []
