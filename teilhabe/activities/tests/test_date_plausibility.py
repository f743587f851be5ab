"""Dates of groups and events are plausible (issue 10, item 7): a group date with its
attendance is recorded once it took place (a cancellation may be recorded ahead), never
before the group's first or after its last date, and an event's attendance only once
the event took place."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.activities.models import GroupMeeting
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
FIRST, LAST = datetime.date(2024, 1, 8), datetime.date(2024, 12, 16)


@pytest.fixture
def client(users_by_role: dict[str, Any]) -> Any:
    return signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value])


def test_a_group_date_lies_within_the_group_and_not_ahead(
    client: Any, provider: Organisation
) -> None:
    group = services.create_group(provider, name="Seniorentreff", first_date=FIRST)
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})

    def errors(day: datetime.date, **extra: str) -> dict[str, list[str]]:
        response = client.post(url, {"date": day.isoformat(), "total": "5", **extra})
        return dict(response.context["form"].errors) if response.status_code == 400 else {}

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert errors(tomorrow) == {
        "date": [
            _(
                "A group date is recorded with its attendance after it took place; the "
                "date lies in the future. A cancellation can be recorded in advance."
            )
        ]
    }
    assert errors(FIRST - datetime.timedelta(days=1)) == {
        "date": [
            _("The group's first date is %(day)s; a date cannot lie before it.")
            % {"day": "08.01.2024"}
        ]
    }
    assert not GroupMeeting.objects.exists()
    assert errors(FIRST) == {}
    assert errors(tomorrow, cancelled="on") == {}  # cancelled in advance
    assert GroupMeeting.objects.count() == 2
    group.last_date = LAST
    group.save()
    assert list(errors(LAST + datetime.timedelta(days=1))) == ["date"]


def test_an_events_attendance_once_it_took_place(client: Any, provider: Organisation) -> None:
    future = timezone.localdate() + datetime.timedelta(days=10)
    event = services.create_event(provider, kind="outing", title="Ausflug", date=future)
    url = reverse("activities:event_detail", kwargs={"pk": event.pk})
    refused = client.post(url, {"total": "12", "version": event.version})
    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        _("Attendance is recorded after the date took place; it lies in the future.")
    ]
    event.refresh_from_db()
    assert event.total is None
    event.date = datetime.date(2024, 5, 15)
    event.save()
    assert client.post(url, {"total": "12", "version": event.version}).status_code == 302
    event.refresh_from_db()
    assert event.total == 12
