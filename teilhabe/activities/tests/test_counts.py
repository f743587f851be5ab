"""Attendance counts: negative, impossible or implausible values are refused with a
clear (German) message, and nothing is stored."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.activities.codes import MAX_GROUP_ATTENDANCE
from teilhabe.activities.counts import count_problems, counts_of_participants, filled_in
from teilhabe.activities.models import Group, GroupMeeting, Participant
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

DAY = datetime.date(2024, 3, 4)


def _messages(counts: dict[str, int | None], maximum: int = 300) -> list[str]:
    with translation.override("en"):
        return [m for ms in count_problems(counts, maximum).values() for m in ms]


def test_consistent_counts_pass() -> None:
    counts = {"total": 5, "female": 3, "male": 2, "age_0_13": 1, "age_65_plus": 4}
    assert count_problems(counts, 300) == {}


def test_negative_count_is_refused() -> None:
    assert _messages({"total": 2, "female": -1, "male": 3}) == [
        "A number of participants cannot be negative."
    ]


def test_gender_counts_must_add_up_to_the_total() -> None:
    messages = _messages({"total": 10, "female": 4, "male": 5, "age_unknown": 10})
    assert messages == ["The counts by gender add up to 9, but the total is 10 participants."]


def test_age_bands_must_add_up_to_the_total() -> None:
    messages = _messages({"total": 4, "female": 4, "age_0_13": 2, "age_14_26": 3})
    assert messages == ["The counts by age band add up to 5, but the total is 4 participants."]


def test_more_than_plausible_is_refused() -> None:
    messages = _messages({"total": 3001, "gender_unknown": 3001, "age_unknown": 3001})
    assert messages == ["3001 participants are not plausible here; at most 300 are possible."]


def test_breakdown_without_total_is_refused() -> None:
    assert _messages({"total": None, "female": 3}) == [
        "Please enter the total number of participants."
    ]


def test_a_total_alone_counts_as_unknown_gender_and_age() -> None:
    counts = filled_in({"total": 7, "female": None, "age_0_13": None})
    assert counts["gender_unknown"] == 7 and counts["age_unknown"] == 7
    assert counts["female"] == 0
    # A partial breakdown is not completed silently: it must add up.
    partial = filled_in({"total": 7, "female": 3})
    assert partial["gender_unknown"] == 0 and partial["age_unknown"] == 7
    assert count_problems(partial, 300) != {}


def test_messages_are_german_in_the_german_ui() -> None:
    with translation.override("de"):
        problems = count_problems({"total": 10, "female": 4, "male": 5, "age_unknown": 10}, 300)
        negative = count_problems({"total": 1, "male": -1}, 300)
    assert problems[None] == [
        "Die Zahlen nach Geschlecht ergeben zusammen 9, die Gesamtzahl ist aber 10."
    ]
    assert negative["male"] == ["Eine Teilnehmendenzahl kann nicht negativ sein."]


def test_named_participants_give_the_counts() -> None:
    class P:
        def __init__(self, gender: str, birth_year: int | None) -> None:
            self.gender, self.birth_year = gender, birth_year

    counts = counts_of_participants(
        [P("female", 2015), P("male", 1950), P("diverse", None), P("female", 2010)], DAY
    )
    assert counts["total"] == 4
    assert (counts["female"], counts["male"], counts["diverse"]) == (2, 1, 1)
    # 2024 - 2010 = 14: youth; 2024 - 2015 = 9: child; 1950: 74, 65+.
    assert (counts["age_0_13"], counts["age_14_26"], counts["age_65_plus"]) == (1, 1, 1)
    assert counts["age_unknown"] == 1


@pytest.fixture
def group(provider: Organisation) -> Group:
    return services.create_group(provider, name="Tanzgruppe", weekday=2, first_date=DAY)


@pytest.mark.django_db
def test_service_refuses_and_stores_nothing(group: Group) -> None:
    with pytest.raises(ValidationError), translation.override("en"):
        services.record_meeting(group, date=DAY, counts={"total": 3, "female": 5, "age_unknown": 3})
    assert not GroupMeeting.objects.exists()


@pytest.mark.django_db
def test_database_refuses_counts_that_do_not_add_up(group: Group) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupMeeting.objects.create(group=group, date=DAY, total=3, female=1, age_unknown=3)


@pytest.mark.django_db
def test_participants_of_another_organisation_are_refused(group: Group, city: Organisation) -> None:
    stranger = Participant.objects.create(organisation=city, first_name="Fremd")
    with pytest.raises(ValidationError):
        services.record_meeting(group, date=DAY, participants=[stranger])


@pytest.mark.django_db
def test_form_shows_the_german_message_and_stores_nothing(
    group: Group, users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    url = reverse("activities:meeting_create", kwargs={"pk": group.pk})
    data = {"date": "2024-03-06", "total": "12", "female": "5", "male": "5", "age_unknown": "12"}
    with translation.override("de"):
        response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "ergeben zusammen 10, die Gesamtzahl ist aber 12" in response.content.decode()
    negative = client.post(url, {**data, "male": "-7"}, HTTP_ACCEPT_LANGUAGE="de")
    assert negative.status_code == 400
    assert "kann nicht negativ sein" in negative.content.decode()
    too_many = {"date": "2024-03-06", "total": str(MAX_GROUP_ATTENDANCE + 1)}
    response = client.post(url, too_many, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert "nicht plausibel" in response.content.decode()
    assert not GroupMeeting.objects.exists()
