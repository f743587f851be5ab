"""Network pages that name people in their working role are in the audit log (issue 9,
finding 8): the actor page (its contact persons) and the contact form, the body page and
the seat form (members), the meeting page and the attendance sheet."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.network.models import BodyMembership, ContactPerson

pytestmark = pytest.mark.django_db


def reads(user: User, what: str) -> list[tuple[str, str]]:
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=user, additional_data__read=what
    )
    return sorted(entries.values_list("content_type__model", "object_pk"))


@pytest.fixture
def coordinator(users_by_role: dict[str, User]) -> User:
    return users_by_role[Role.INTEGRATION_COORDINATOR.value]


@pytest.fixture
def contact(net: dict[str, Any]) -> ContactPerson:
    return ContactPerson.objects.create(
        actor=net["mosque"], name="Hasan Öztürk", function="Vorstand", email="h@example.org"
    )


@pytest.fixture
def chair(net: dict[str, Any]) -> BodyMembership:
    return BodyMembership.objects.get(body=net["council"], person_name="Ayşe Demir")


def test_the_actor_page_logs_its_contact_persons(
    net: dict[str, Any], contact: ContactPerson, users_by_role: dict[str, User]
) -> None:
    counsellor = users_by_role[Role.COUNSELLOR.value]
    url = reverse("network:actor_detail", args=[net["mosque"].pk])
    page = signed_in_client(counsellor).get(url)
    assert page.status_code == 200 and "Hasan Öztürk" in page.content.decode()
    assert reads(counsellor, "actor") == [("contactperson", str(contact.pk))]


def test_the_contact_form_is_logged(coordinator: User, contact: ContactPerson) -> None:
    url = reverse("network:contact_edit", args=[contact.pk])
    page = signed_in_client(coordinator).get(url)
    assert page.status_code == 200 and "h@example.org" in page.content.decode()
    assert reads(coordinator, "edit") == [("contactperson", str(contact.pk))]


def test_the_body_page_logs_its_members(
    net: dict[str, Any], coordinator: User, chair: BodyMembership
) -> None:
    page = signed_in_client(coordinator).get(
        reverse("network:body_detail", args=[net["council"].pk])
    )
    assert page.status_code == 200 and "Ayşe Demir" in page.content.decode()
    assert reads(coordinator, "body") == [("bodymembership", str(chair.pk))]


def test_the_seat_form_is_logged(coordinator: User, chair: BodyMembership) -> None:
    page = signed_in_client(coordinator).get(reverse("network:member_edit", args=[chair.pk]))
    assert page.status_code == 200
    assert reads(coordinator, "edit") == [("bodymembership", str(chair.pk))]


def test_the_meeting_page_and_the_attendance_sheet_log_the_members(
    net: dict[str, Any], coordinator: User, chair: BodyMembership
) -> None:
    meeting = net["meetings"]["Integrationsrat"]
    client = signed_in_client(coordinator)
    assert client.get(reverse("network:meeting_detail", args=[meeting.pk])).status_code == 200
    assert reads(coordinator, "meeting") == [("bodymembership", str(chair.pk))]
    assert client.get(reverse("network:attendance", args=[meeting.pk])).status_code == 200
    assert reads(coordinator, "attendance") == [("bodymembership", str(chair.pk))]
