"""Enrolment, home visits, ends and the change of programme, through the services."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from teilhabe.casework.models import Household, Person
from teilhabe.core.versioning import EditConflict
from teilhabe.organisations.models import Organisation
from teilhabe.programmes import services
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are compared with their msgids; lazy ones are only translated when
    read, after the `pytest.raises` block."""
    with translation.override("en"):
        yield


D = datetime.date
SEPTEMBER_2024 = D(2024, 9, 1)


def family(organisation: Organisation, last_name: str = "Haddad") -> tuple[Household, Person]:
    return services.create_family(
        organisation.pk,
        services.NewFamily(
            first_name="Amina",
            last_name=last_name,
            country_of_origin="SY",
            languages=["ar", "ku"],
            child_first_name="Omar",
            child_birth_year=2020,
        ),
    )


def enrolled(programme: Programme, start: datetime.date = SEPTEMBER_2024) -> Enrolment:
    household, parent = family(programme.organisation)
    return services.enrol(
        programme=programme, household=household, contact_person=parent, start_date=start
    )


def messages_of(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return error.value.message_dict


def test_add_months_keeps_the_day_or_takes_the_last_of_a_short_month() -> None:
    assert services.add_months(D(2024, 9, 1), 24) == D(2026, 9, 1)
    assert services.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert services.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)
    assert services.add_months(D(2024, 12, 15), 1) == D(2025, 1, 15)


def test_a_new_family_is_a_household_with_contact_person_and_child(hippy: Programme) -> None:
    household, parent = family(hippy.organisation)
    members = Person.objects.filter(household=household).order_by("pk")
    assert [(p.first_name, p.last_name, p.birth_year) for p in members] == [
        ("Amina", "Haddad", None),
        ("Omar", "Haddad", 2020),
    ]
    assert parent.languages == ["ar", "ku"] and parent.organisation_id == hippy.organisation_id


def test_enrolment_gets_the_planned_end_from_the_programme_duration(hippy: Programme) -> None:
    enrolment = enrolled(hippy, D(2024, 9, 1))
    assert enrolment.planned_end == D(2026, 8, 31)  # 24 months, the last day included
    assert enrolment.end_date is None and enrolment.version == 1


def test_a_family_cannot_take_part_twice_at_once(hippy: Programme) -> None:
    enrolment = enrolled(hippy, D(2024, 9, 1))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.enrol(programme=hippy, household=enrolment.household, start_date=D(2025, 1, 1))
    assert error.value.messages == ["This family already takes part in this programme."]
    # After the end, a new participation may start.
    services.end_enrolment(
        enrolment, expected_version=1, end_date=D(2024, 12, 31), end_kind=EndKind.REGULAR
    )
    again = services.enrol(programme=hippy, household=enrolment.household, start_date=D(2025, 1, 1))
    assert again.pk != enrolment.pk


def test_a_family_of_another_organisation_is_refused(hippy: Programme, city: Organisation) -> None:
    household, _parent = family(city)
    with pytest.raises(ValidationError):
        services.enrol(programme=hippy, household=household, start_date=D(2024, 9, 1))


def test_home_visit_must_lie_within_the_participation(hippy: Programme) -> None:
    enrolment = enrolled(hippy, D(2024, 9, 1))
    visit = services.record_visit(enrolment, date=D(2024, 9, 1), duration_minutes=45)
    assert visit.pk and visit.enrolment == enrolment
    with translation.override("en"), pytest.raises(ValidationError) as before:
        services.record_visit(enrolment, date=D(2024, 8, 31), duration_minutes=45)
    assert messages_of(before)["date"] == [
        "The visit cannot lie before the start of the participation."
    ]
    services.end_enrolment(
        enrolment, expected_version=1, end_date=D(2024, 12, 20), end_kind=EndKind.REGULAR
    )
    services.record_visit(enrolment, date=D(2024, 12, 20), duration_minutes=45)  # last day: fine
    with translation.override("en"), pytest.raises(ValidationError) as after:
        services.record_visit(enrolment, date=D(2024, 12, 21), duration_minutes=45)
    assert messages_of(after)["date"] == [
        "The visit cannot lie after the end of the participation."
    ]


@pytest.mark.parametrize("minutes", [0, 601])
def test_home_visit_duration_between_1_and_600_minutes(hippy: Programme, minutes: int) -> None:
    enrolment = enrolled(hippy)
    with pytest.raises(ValidationError) as error:
        services.record_visit(enrolment, date=D(2024, 9, 2), duration_minutes=minutes)
    assert "duration_minutes" in messages_of(error)
    services.record_visit(enrolment, date=D(2024, 9, 2), duration_minutes=600)
    # The database refuses what the form would have refused.
    with pytest.raises(IntegrityError), transaction.atomic():
        enrolment.visits.create(date=D(2024, 9, 3), duration_minutes=601)


def test_material_unit_within_the_programme_material(hippy: Programme) -> None:
    enrolment = enrolled(hippy)
    assert hippy.material_units == 60
    services.record_visit(enrolment, date=D(2024, 9, 2), duration_minutes=45, material_unit=60)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.record_visit(enrolment, date=D(2024, 9, 3), duration_minutes=45, material_unit=61)
    assert messages_of(error)["material_unit"] == ["The programme has only 60 material units."]


def test_early_end_needs_a_reason_and_other_needs_a_text(hippy: Programme) -> None:
    enrolment = enrolled(hippy)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.end_enrolment(
            enrolment, expected_version=1, end_date=D(2024, 12, 1), end_kind=EndKind.EARLY
        )
    assert messages_of(error)["end_reason"] == ["An early end needs a reason."]
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    with translation.override("en"), pytest.raises(ValidationError) as other:
        services.end_enrolment(
            enrolment,
            expected_version=1,
            end_date=D(2024, 12, 1),
            end_kind=EndKind.EARLY,
            end_reason=EarlyEndReason.OTHER,
        )
    assert messages_of(other)["end_reason_text"] == ["Please describe the other reason."]
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    services.end_enrolment(
        enrolment,
        expected_version=1,
        end_date=D(2024, 12, 1),
        end_kind=EndKind.EARLY,
        end_reason=EarlyEndReason.NEW_BABY,
        end_reason_text="ignored: only the reason 'other' keeps a text",
    )
    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert (stored.end_date, stored.end_kind, stored.end_reason, stored.end_reason_text) == (
        D(2024, 12, 1),
        EndKind.EARLY,
        EarlyEndReason.NEW_BABY,
        "",
    )
    assert stored.version == 2


def test_the_database_refuses_an_early_end_without_reason(hippy: Programme) -> None:
    enrolment = enrolled(hippy)
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(
            end_date=D(2024, 12, 1), end_kind=EndKind.EARLY
        )


def test_a_regular_end_drops_a_reason_and_a_second_end_is_refused(hippy: Programme) -> None:
    enrolment = enrolled(hippy)
    services.end_enrolment(
        enrolment,
        expected_version=1,
        end_date=D(2025, 6, 30),
        end_kind=EndKind.REGULAR,
        end_reason=EarlyEndReason.MOVED_AWAY,
    )
    assert Enrolment.objects.get(pk=enrolment.pk).end_reason == ""
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.end_enrolment(
            enrolment, expected_version=2, end_date=D(2025, 7, 1), end_kind=EndKind.REGULAR
        )
    assert error.value.messages == ["This participation has already ended."]


def test_end_before_a_recorded_visit_is_refused(hippy: Programme) -> None:
    enrolment = enrolled(hippy, D(2024, 9, 1))
    services.record_visit(enrolment, date=D(2024, 11, 5), duration_minutes=45)
    with translation.override("en"), pytest.raises(ValidationError) as error:
        services.end_enrolment(
            enrolment, expected_version=1, end_date=D(2024, 11, 4), end_kind=EndKind.REGULAR
        )
    assert messages_of(error)["end_date"] == [
        "A home visit is recorded on 05.11.2024, after this end. Please check the date."
    ]


def test_a_stale_copy_cannot_end_the_participation(hippy: Programme) -> None:
    enrolment = enrolled(hippy)
    other_copy = Enrolment.objects.get(pk=enrolment.pk)
    services.update_enrolment(enrolment, expected_version=1, planned_end=D(2026, 6, 30))
    with pytest.raises(EditConflict):
        services.end_enrolment(
            other_copy, expected_version=1, end_date=D(2024, 12, 1), end_kind=EndKind.REGULAR
        )
    assert Enrolment.objects.get(pk=enrolment.pk).end_date is None


def test_change_of_programme_ends_the_old_and_links_the_new(
    hippy: Programme, edu: Programme
) -> None:
    old = enrolled(edu, D(2023, 5, 1))
    services.record_visit(old, date=D(2024, 4, 2), duration_minutes=60)
    new = services.change_programme(old, expected_version=1, target=hippy, start_date=D(2024, 5, 1))
    old.refresh_from_db()
    assert (old.end_date, old.end_kind, old.end_reason) == (
        D(2024, 4, 30),
        EndKind.EARLY,
        EarlyEndReason.CHANGE_OF_PROGRAMME,
    )
    assert new.programme == hippy and new.previous_enrolment == old
    assert new.household_id == old.household_id and new.contact_person_id == old.contact_person_id
    assert new.start_date == D(2024, 5, 1) and new.planned_end == D(2026, 4, 30)
    assert old.next_enrolment == new
    assert list(old.visits.values_list("date", flat=True)) == [D(2024, 4, 2)]  # history kept


def test_change_after_a_completed_programme_ends_it_regularly(
    hippy: Programme, edu: Programme
) -> None:
    old = enrolled(edu, D(2022, 9, 1))
    services.change_programme(
        old,
        expected_version=1,
        target=hippy,
        start_date=D(2024, 9, 1),
        old_end_kind=EndKind.REGULAR,
    )
    old.refresh_from_db()
    assert (old.end_kind, old.end_reason) == (EndKind.REGULAR, "")


def test_change_is_refused_to_the_same_programme_or_before_the_start(
    hippy: Programme, edu: Programme
) -> None:
    old = enrolled(edu, D(2024, 5, 1))
    with pytest.raises(ValidationError) as same:
        services.change_programme(old, expected_version=1, target=edu, start_date=D(2024, 9, 1))
    assert "target" in messages_of(same)
    with pytest.raises(ValidationError) as early:
        services.change_programme(old, expected_version=1, target=hippy, start_date=D(2024, 5, 1))
    assert "start_date" in messages_of(early)
    assert Enrolment.objects.get(pk=old.pk).end_date is None
    assert not Enrolment.objects.filter(programme=hippy).exists()
