"""Pages naming participants and volunteers are in the audit log (issue 9, finding 8):
the volunteer list and form, the volunteer page shown again with an error, the group
page (participants, volunteer leads), the forms of a date and of an event with named
attendance (every participant offered to tick)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.activities.models import Engagement, Participant, TaskArea, Volunteer
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 1, 10)


def reads(user: User, what: str) -> list[tuple[str, str]]:
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=user, additional_data__read=what
    )
    return sorted(entries.values_list("content_type__model", "object_pk"))


@pytest.fixture
def volunteer(provider: Organisation) -> Volunteer:
    return Volunteer.objects.create(
        organisation=provider,
        first_name="Olga",
        last_name="Schmidt",
        phone="0151 000000",
        email="olga@example.org",
        consent_given_on=DAY,
    )


@pytest.fixture
def volunteer_coordinator(users_by_role: dict[str, Any]) -> User:
    return users_by_role[Role.VOLUNTEER_COORDINATOR.value]


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> User:
    return users_by_role[Role.PROGRAMME_COORDINATOR.value]


@pytest.fixture
def named_group(provider: Organisation, volunteer: Volunteer) -> Any:
    group = services.create_group(provider, name="Mädchengruppe", attendance_mode="named")
    amina = services.add_participant(provider, group, first_name="Amina", last_name="K.")
    area = TaskArea.objects.create(organisation=provider, name="Gruppenleitung")
    Engagement.objects.create(
        volunteer=volunteer, task_area=area, group=group, leads_group=True, starts_on=DAY
    )
    return group, amina


def test_the_volunteer_list_logs_each_volunteer(
    volunteer_coordinator: User, volunteer: Volunteer
) -> None:
    page = signed_in_client(volunteer_coordinator).get(reverse("activities:volunteer_list"))
    assert page.status_code == 200 and "Olga Schmidt" in page.content.decode()
    assert reads(volunteer_coordinator, "volunteer-list") == [("volunteer", str(volunteer.pk))]


def test_the_volunteer_form_is_logged(volunteer_coordinator: User, volunteer: Volunteer) -> None:
    url = reverse("activities:volunteer_edit", kwargs={"pk": volunteer.pk})
    page = signed_in_client(volunteer_coordinator).get(url)
    assert page.status_code == 200 and "olga@example.org" in page.content.decode()
    assert reads(volunteer_coordinator, "edit") == [("volunteer", str(volunteer.pk))]


def test_the_volunteer_page_shown_again_with_an_error_is_logged(
    volunteer_coordinator: User, volunteer: Volunteer
) -> None:
    url = reverse("activities:hours_create", kwargs={"pk": volunteer.pk})
    assert signed_in_client(volunteer_coordinator).post(url, {}).status_code == 400
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=volunteer_coordinator)
    assert list(entries.values_list("content_type__model", "object_pk")) == [
        ("volunteer", str(volunteer.pk))
    ]


def test_the_group_page_logs_participants_and_volunteer_leads(
    coordinator: User, named_group: Any, volunteer: Volunteer
) -> None:
    group, amina = named_group
    url = reverse("activities:group_detail", kwargs={"pk": group.pk})
    page = signed_in_client(coordinator).get(url)
    assert page.status_code == 200 and "Amina" in page.content.decode()
    assert reads(coordinator, "group") == [
        ("participant", str(amina.pk)),
        ("volunteer", str(volunteer.pk)),
    ]


def test_the_form_of_a_named_date_logs_the_participants_offered(
    coordinator: User, named_group: Any
) -> None:
    group, amina = named_group
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    assert signed_in_client(coordinator).get(url).status_code == 200
    assert reads(coordinator, "group-meeting") == [("participant", str(amina.pk))]


def test_an_event_with_named_attendance_logs_the_participants_offered(
    coordinator: User, provider: Organisation
) -> None:
    event = services.create_event(
        provider, kind="event", title="Iftar", date=DAY, attendance_mode="named"
    )
    lea = services.add_participant(provider, first_name="Lea")
    url = reverse("activities:event_detail", kwargs={"pk": event.pk})
    page = signed_in_client(coordinator).get(url)
    assert page.status_code == 200 and "Lea" in page.content.decode()
    assert reads(coordinator, "event") == [("participant", str(lea.pk))]


def test_an_event_counted_without_names_logs_nobody(
    coordinator: User, provider: Organisation
) -> None:
    event = services.create_event(provider, kind="event", title="Fest", date=DAY)
    Participant.objects.create(organisation=provider, first_name="Lea")
    url = reverse("activities:event_detail", kwargs={"pk": event.pk})
    assert signed_in_client(coordinator).get(url).status_code == 200
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=coordinator).exists()
