"""The calendar: planned and recorded group dates and events, the month and list pages,
the iCal export (parsed back with icalendar) and the subscription by secret token."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from teilhabe.accounts.roles import Role
from teilhabe.activities import selectors, services, subscriptions
from teilhabe.activities.models import CalendarSubscription, Group, Volunteer
from teilhabe.activities.services_volunteers import add_engagement
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2024, 5, 6)


@pytest.fixture
def seniors(provider: Organisation) -> Group:
    group = services.create_group(
        provider,
        name="Seniorentreff",
        place="Integrationszentrum MeiNZ",
        weekday=0,
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(16, 0),
        first_date=datetime.date(2024, 4, 29),
        last_date=datetime.date(2024, 5, 27),
    )
    member = services.add_participant(provider, group, first_name="Galina", last_name="Petrowa")
    services.record_meeting(group, date=MONDAY, participants=[member], topic="Singen")
    services.record_meeting(group, date=datetime.date(2024, 5, 20), cancelled=True)
    return group


@pytest.fixture
def current(provider: Organisation) -> Group:
    """A weekly group around today: the feed covers a window around the day it is read."""
    return services.create_group(
        provider,
        name="Elterncafé",
        weekday=3,
        starts_at=datetime.time(9, 30),
        first_date=timezone.localdate() - datetime.timedelta(days=14),
    )


@pytest.fixture
def outing(provider: Organisation) -> Any:
    return services.create_event(
        provider,
        kind="outing",
        title="Urlaub ohne Koffer",
        date=datetime.date(2024, 5, 15),
        place="Celle",
        partners="Förderverein MeiNZ",
    )


def test_entries_merge_planned_and_recorded_dates(
    seniors: Group, outing: Any, provider: Organisation
) -> None:
    entries = selectors.calendar_entries(
        provider, datetime.date(2024, 5, 1), datetime.date(2024, 5, 31)
    )
    days = [(entry.date.day, entry.title, entry.cancelled) for entry in entries]
    # Mondays 6, 13, 20 (cancelled), 27; 29 April lies before the month.
    assert days == [
        (6, "Seniorentreff", False),
        (13, "Seniorentreff", False),
        (15, "Urlaub ohne Koffer", False),
        (20, "Seniorentreff", True),
        (27, "Seniorentreff", False),
    ]
    # A planned date and the date recorded for it carry the same uid.
    assert entries[0].uid == f"gruppe-{seniors.pk}-20240506"
    assert entries[0].meeting_id and not entries[1].meeting_id


def test_month_and_list_pages(seniors: Group, outing: Any, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    month = client.get(reverse("activities:calendar"), {"monat": "2024-05"})
    html = month.content.decode()
    assert month.status_code == 200
    # The grid starts on Monday 29 April: five Mondays, one of them cancelled.
    assert "Mai 2024" in html and html.count("Seniorentreff") == 5
    assert html.count("abgesagt") == 1
    assert "Urlaub ohne Koffer" in html
    # A counsellor reads the group's page from the calendar, but no link leads to the
    # recording of dates.
    assert reverse("activities:group_detail", kwargs={"pk": seniors.pk}) in html
    assert "/angebote/termine/" not in html
    assert reverse("activities:meeting_create", kwargs={"pk": seniors.pk}) not in html
    listed = client.get(reverse("activities:calendar"), {"monat": "2024-05", "ansicht": "liste"})
    assert "Mittwoch, 15.05.2024" in listed.content.decode()


def _parse(body: bytes) -> list[Any]:
    calendar = Calendar.from_ical(body)
    return sorted(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart").isoformat())


def test_ical_export_parses_back_and_holds_no_personal_data(
    seniors: Group, outing: Any, provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    volunteer = Volunteer.objects.create(
        organisation=provider, first_name="Irina", last_name="Leiterin",
        consent_given_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    from teilhabe.activities.models import TaskArea

    area = TaskArea.objects.create(organisation=provider, name="Leitung")
    add_engagement(volunteer, task_area=area, group=seniors, leads_group=True,
                   starts_on=datetime.date(2024, 1, 1))  # fmt: skip
    seniors.staff_leads.add(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    from teilhabe.activities import ical

    entries = selectors.calendar_entries(
        provider, datetime.date(2024, 5, 1), datetime.date(2024, 5, 31)
    )
    body = ical.to_ical(provider.name, entries, "teilhabe.example")
    events = _parse(body)
    assert len(events) == 5
    first = events[0]
    assert str(first["summary"]) == "Seniorentreff"
    assert str(first["location"]) == "Integrationszentrum MeiNZ"
    assert first.decoded("dtstart") == datetime.datetime(
        2024, 5, 6, 14, 0, tzinfo=first.decoded("dtstart").tzinfo
    )
    assert str(first.decoded("dtstart").tzinfo) == "Europe/Berlin"
    assert first.decoded("dtend").hour == 16
    assert str(first["uid"]) == f"gruppe-{seniors.pk}-20240506@teilhabe.example"
    outing_event = next(e for e in events if str(e["summary"]) == "Urlaub ohne Koffer")
    # No time: a whole day, DTEND the day after.
    assert outing_event.decoded("dtstart") == datetime.date(2024, 5, 15)
    assert outing_event.decoded("dtend") == datetime.date(2024, 5, 16)
    assert [str(e["status"]) for e in events].count("CANCELLED") == 1
    text = body.decode()
    for personal in (
        "Galina",
        "Petrowa",
        "Irina",
        "Leiterin",
        "Programme_Coordinator",
        "Singen",
        "Förderverein",
    ):
        assert personal not in text, personal
    assert Calendar.from_ical(body).walk("VTIMEZONE"), "the time zone is defined in the file"


def test_download_needs_a_session_and_membership(
    current: Group, users_by_role: dict[str, Any], provider: Organisation
) -> None:
    url = reverse("activities:calendar_export", kwargs={"slug": provider.slug})
    assert Client().get(url).status_code == 302  # to the login
    client = signed_in_client(users_by_role[Role.VOLUNTEER_COORDINATOR.value])
    response = client.get(url)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert Calendar.from_ical(response.content).walk("VEVENT")
    other = reverse("activities:calendar_export", kwargs={"slug": "stadt"})
    assert client.get(other).status_code == 404


def test_subscription_works_without_a_session_only_with_its_token(
    current: Group, users_by_role: dict[str, Any], provider: Organisation
) -> None:
    user = users_by_role[Role.PROGRAMME_COORDINATOR.value]
    client = signed_in_client(user)
    created = client.post(
        reverse("activities:subscription_create", kwargs={"slug": provider.slug}),
        {"label": "Handy"},
    )
    assert created.status_code == 302
    page = client.get(created.url)
    address = page.context["new_url"]
    assert address.startswith("http://testserver/angebote/kalender/abo/")
    token = address.rsplit("/", 1)[1].removesuffix(".ics")
    subscription = CalendarSubscription.objects.get()
    assert subscription.label == "Handy" and subscription.owner == user
    assert token not in subscription.token_hash and len(subscription.token_hash) == 64
    # Shown once: the next visit of the page no longer shows it.
    assert client.get(created.url).context["new_url"] is None

    anonymous = Client()
    feed = anonymous.get(address)
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("text/calendar")
    assert any(str(e["summary"]) == "Elterncafé" for e in _parse(feed.content))
    subscription.refresh_from_db()
    assert subscription.last_used_at is not None

    wrong = reverse(
        "activities:subscription_export",
        kwargs={"token": token[:-1] + ("A" if token[-1] != "A" else "B")},
    )
    assert anonymous.get(wrong).status_code == 404

    revoke = reverse("activities:subscription_revoke", kwargs={"pk": subscription.pk})
    # Somebody else cannot revoke it (nor learn that it exists).
    other = signed_in_client(users_by_role[Role.TEAM_LEAD.value])
    assert other.post(revoke).status_code == 404
    assert anonymous.get(address).status_code == 200
    assert client.post(revoke).status_code == 302
    assert anonymous.get(address).status_code == 404
    assert "Handy" not in client.get(reverse("activities:calendar")).content.decode()


def test_subscription_dies_with_the_owners_access(
    current: Group, users_by_role: dict[str, Any], provider: Organisation
) -> None:
    user = users_by_role[Role.COUNSELLOR.value]
    _subscription, token = subscriptions.create_subscription(user, provider)
    url = reverse("activities:subscription_export", kwargs={"token": token})
    assert Client().get(url).status_code == 200
    user.memberships.all().delete()
    assert Client().get(url).status_code == 404


def test_dashboard_shows_the_next_dates_to_calendar_roles(
    current: Group, users_by_role: dict[str, Any]
) -> None:
    # A weekly group on Thursdays: the next seven days hold one of its dates.
    dashboard = reverse("core:dashboard")
    for role in (Role.COUNSELLOR, Role.VOLUNTEER_COORDINATOR):
        page = signed_in_client(users_by_role[role.value]).get(dashboard).content.decode()
        assert "Elterncafé" in page, role
    for role in (Role.STATISTICS, Role.INTEGRATION_COORDINATOR):
        page = signed_in_client(users_by_role[role.value]).get(dashboard).content.decode()
        assert "Elterncafé" not in page, role
