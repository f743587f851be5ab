"""Implausible sessions and goals are refused with a message at the field (issue 10,
item 7): no topic and no duration, a date before the case was opened, after it was
closed or in the future, a goal without its text."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
OPENED = datetime.date(2024, 3, 1)


@pytest.fixture
def case(users_by_role: dict[str, User], provider: Organisation) -> Case:
    client = Person.objects.create(organisation=provider, first_name="Olena", last_name="K")
    return services.open_case(
        client=client, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=OPENED, access_route="familie", responsible=users_by_role[Role.COUNSELLOR.value],
    )  # fmt: skip


def _post(users: dict[str, User], case: Case, **data: Any) -> Any:
    client = signed_in_client(users[Role.COUNSELLOR.value])
    return client.post(reverse("casework:session_create", kwargs={"pk": case.pk}), data)


def _errors(response: Any) -> dict[str, list[str]]:
    return {name: list(errors) for name, errors in response.context["session_form"].errors.items()}


def test_a_session_needs_a_topic_or_a_duration(users_by_role: dict[str, User], case: Case) -> None:
    response = _post(users_by_role, case, date="2024-03-02")
    assert response.status_code == 400
    assert _errors(response) == {
        "topics": ["Wählen Sie mindestens ein Thema oder geben Sie die Dauer an."]
    }
    assert _post(users_by_role, case, date="2024-03-02", duration_minutes="30").status_code == 302
    assert _post(users_by_role, case, date="2024-03-02", topics=["wohnen"]).status_code == 302
    assert case.sessions.count() == 2


def test_the_date_lies_within_the_case_and_not_ahead(
    users_by_role: dict[str, User], case: Case
) -> None:
    before = _post(users_by_role, case, date="2024-02-29", topics=["wohnen"])
    assert _errors(before)["date"] == [
        "Der Fall wurde am 01.03.2024 eröffnet; ein Kontakt kann nicht davor liegen."
    ]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ahead = _post(users_by_role, case, date=tomorrow.isoformat(), topics=["wohnen"])
    assert list(_errors(ahead)) == ["date"]
    case.closed_on = datetime.date(2024, 6, 30)
    case.save()
    after = _post(users_by_role, case, date="2024-07-01", topics=["wohnen"])
    assert _errors(after)["date"] == [
        "Der Fall wurde am 30.06.2024 abgeschlossen; ein Kontakt kann nicht danach liegen."
    ]
    assert _post(users_by_role, case, date="2024-06-30", topics=["wohnen"]).status_code == 302
    assert case.sessions.count() == 1


def test_a_goal_needs_its_text(users_by_role: dict[str, User], case: Case) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    url = reverse("casework:goal_create", kwargs={"pk": case.pk})
    response = client.post(url, {"area": "sprachlich", "text": "  ", "agreed_on": "2024-03-01"})
    assert response.status_code == 400 and "text" in response.context["goal_form"].errors
    assert not case.goals.exists()
