"""The write paths of the network: what they store, and what they refuse."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import translation

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.core.versioning import EditConflict
from teilhabe.network import services
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Agreement,
    Attendance,
    BodyMembership,
    ContactPerson,
    Decision,
)
from teilhabe.network.tests.conftest import member
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
D = datetime.date


def test_an_organisation_gets_one_actor_of_the_matching_kind(
    provider: Organisation, city: Organisation
) -> None:
    first = services.actor_for_organisation(provider)
    assert services.actor_for_organisation(provider) == first
    assert Actor.objects.filter(organisation=provider).count() == 1
    assert first.name == provider.name and first.kind.code == "traeger"
    assert services.actor_for_organisation(city).kind.code == "kommune"


def test_the_catalogue_of_actor_kinds_is_installed() -> None:
    codes = set(ActorKind.objects.values_list("code", flat=True))
    assert {"schule", "vhs", "jobcenter", "auslaenderbehoerde", "moschee", "kirche"} <= codes
    assert "migrantenorganisation" in codes


def test_changes_of_a_contact_person_are_audited(net: dict[str, Any]) -> None:
    contact = services.save_contact(ContactPerson(actor=net["school"], name="Sabine Roth"))
    contact.phone = "012345 2121-11"
    services.save_contact(contact, version=contact.version)
    entries = LogEntry.objects.get_for_object(contact)
    assert entries.count() == 2
    assert "phone" in entries.order_by("timestamp").last().changes_dict


def test_a_stale_edit_of_an_actor_is_refused(net: dict[str, Any]) -> None:
    school = net["school"]
    loaded_version = school.version
    first, second = Actor.objects.get(pk=school.pk), Actor.objects.get(pk=school.pk)
    first.phone = "1"
    services.save_actor(first, districts=[], version=loaded_version)
    second.phone = "2"
    with pytest.raises(EditConflict):
        services.save_actor(second, districts=[], version=loaded_version)
    assert Actor.objects.get(pk=school.pk).phone == "1"


def test_a_seat_names_an_actor_or_a_person_and_has_an_ordered_term(
    net: dict[str, Any],
) -> None:
    body = net["ag"]
    with translation.override("en"), pytest.raises(ValidationError) as nobody:
        services.save_membership(BodyMembership(body=body, term_from=D(2025, 1, 1)))
    assert nobody.value.messages == ["Name an actor, a person or both."]
    with translation.override("en"), pytest.raises(ValidationError) as backwards:
        services.save_membership(
            BodyMembership(
                body=body, person_name="X", term_from=D(2025, 1, 1), term_to=D(2024, 1, 1)
            )
        )
    assert backwards.value.messages == ["The term cannot end before it begins."]


def test_the_same_member_cannot_hold_two_overlapping_seats(net: dict[str, Any]) -> None:
    body, school = net["ag"], net["school"]  # the school sits in the AG from 01.01.2024
    with pytest.raises(ValidationError):
        member(body, school, term_from=D(2025, 6, 1))
    # After the first term ends, a new term can begin.
    seat = BodyMembership.objects.get(body=body, actor=school)
    seat.term_to = D(2025, 5, 31)
    services.save_membership(seat, seat.version)
    assert member(body, school, "stellvertretung", term_from=D(2025, 6, 1)).pk
    # A second person for the same actor is another seat.
    assert member(body, net["diakonie"], person_name="Pia Paulsen").pk


def test_agenda_items_are_numbered_in_order(net: dict[str, Any]) -> None:
    meeting = net["meetings"]["AG Sprache"]  # created with item 1 "Bericht"
    services.add_agenda_item(meeting, "  Kursangebote  ")
    services.add_agenda_item(meeting, "Verschiedenes")
    assert [(i.position, i.title) for i in meeting.agenda_items.all()] == [
        (1, "Bericht"),
        (2, "Kursangebote"),
        (3, "Verschiedenes"),
    ]
    with pytest.raises(ValidationError):
        services.add_agenda_item(meeting, "   ")


def test_attendance_is_recorded_for_members_of_the_meeting_date_only(
    net: dict[str, Any],
) -> None:
    meeting = net["meetings"]["AG Sprache"]  # 04.03.2025
    chair = BodyMembership.objects.get(body=net["ag"], function="vorsitz")
    school = BodyMembership.objects.get(body=net["ag"], actor=net["school"])
    later = member(net["ag"], None, person_name="Neu", term_from=D(2025, 4, 1))
    assert {m.pk for m in services.members_on(net["ag"], meeting.held_on)} == {chair.pk, school.pk}

    services.record_attendance(meeting, {chair.pk: "anwesend", school.pk: "entschuldigt"}, 1)
    assert dict(meeting.attendances.values_list("membership_id", "status")) == {
        chair.pk: "anwesend",
        school.pk: "entschuldigt",
    }
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.record_attendance(meeting, {later.pk: "anwesend"}, 2)
    assert refused.value.messages == ["Only members whose term covers the meeting date can attend."]
    # Clearing one entry and a stale form.
    services.record_attendance(meeting, {school.pk: ""}, 2)
    assert list(meeting.attendances.values_list("membership_id", flat=True)) == [chair.pk]
    with pytest.raises(EditConflict):
        services.record_attendance(meeting, {school.pk: "abwesend"}, 2)
    assert Attendance.objects.filter(meeting=meeting).count() == 1


def test_a_decision_is_open_from_its_meeting_and_checked(net: dict[str, Any]) -> None:
    meeting = net["meetings"]["AG Sprache"]
    other_item = net["meetings"]["Runder Tisch"].agenda_items.get()
    decision = services.record_decision(
        meeting, user=None, text="Kursliste", responsible_actor=net["school"], due_on=D(2025, 6, 30)
    )
    assert (decision.status, decision.status_on) == (Decision.Status.OPEN, meeting.held_on)
    with translation.override("en"), pytest.raises(ValidationError) as early:
        services.record_decision(meeting, user=None, text="x", due_on=D(2025, 1, 1))
    assert early.value.messages == ["The due date cannot lie before the meeting."]
    with pytest.raises(ValidationError):
        services.record_decision(meeting, user=None, text="x", agenda_item=other_item)
    decision.status, decision.status_on = Decision.Status.DONE, D(2025, 2, 1)
    with pytest.raises(ValidationError):
        services.save_decision(decision, decision.version)
    decision.status_on = D(2025, 6, 1)
    services.save_decision(decision, decision.version)
    assert Decision.objects.get(pk=decision.pk).status == Decision.Status.DONE


def test_an_agreement_has_two_parties_and_a_provider_is_one_of_them(
    net: dict[str, Any], users_by_role: dict[str, User]
) -> None:
    lead = users_by_role[Role.TEAM_LEAD.value]
    school, mosque = net["school"], net["mosque"]
    with translation.override("en"), pytest.raises(ValidationError) as alone:
        services.save_agreement(
            Agreement(subject="A", signed_on=D(2025, 1, 1)), parties=[school], user=lead
        )
    assert alone.value.messages == ["An agreement has at least two parties."]
    with translation.override("en"), pytest.raises(ValidationError) as foreign:
        services.save_agreement(
            Agreement(subject="B", signed_on=D(2025, 1, 1)), parties=[school, mosque], user=lead
        )
    assert foreign.value.messages == ["Your organisation must be one of the parties."]
    with pytest.raises(ValidationError):
        services.save_agreement(
            Agreement(subject="C", valid_from=D(2025, 2, 1), valid_to=D(2025, 1, 1)),
            parties=[net["diakonie"], school],
            user=lead,
        )
    with pytest.raises(ValidationError):
        services.save_agreement(
            Agreement(subject="D"), parties=[net["diakonie"], school], user=lead
        )
    assert not Agreement.objects.filter(subject__in="ABCD").exists()
    stored = services.save_agreement(
        Agreement(subject="E", signed_on=D(2025, 1, 1)),
        parties=[net["diakonie"], school],
        user=lead,
    )
    assert set(stored.parties.all()) == {net["diakonie"], school}
    # The city records agreements between any actors.
    coordinator = users_by_role[Role.INTEGRATION_COORDINATOR.value]
    services.save_agreement(
        Agreement(subject="F", signed_on=D(2025, 1, 1)), parties=[school, mosque], user=coordinator
    )


def test_own_actors_are_created_for_the_organisations_the_user_works_for(
    provider: Organisation, users_by_role: dict[str, User]
) -> None:
    assert not Actor.objects.exists()
    own = services.own_actors(users_by_role[Role.PROGRAMME_COORDINATOR.value])
    assert [actor.organisation for actor in own] == [provider]
    assert services.own_actors(users_by_role[Role.COUNSELLOR.value]) == []
