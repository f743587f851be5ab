"""Households on the client page: create, add a new or a recorded person, change a
relation, remove, move; past sessions and co-counselling stay intact; access through
casework/access.py only (another organisation's or an invisible person is a 404);
every change and read in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import households, services
from teilhabe.casework.models import Case, Household, Person, Session
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db
OPENED = datetime.date(2024, 1, 1)


def open_client(name: str, organisation: Organisation, owner: User) -> Case:
    first, last = name.split()
    person = Person.objects.create(
        organisation=organisation, first_name=first, last_name=last, birth_year=1985
    )
    return services.open_case(
        client=person,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=OPENED,
        access_route="familie",
        responsible=owner,
    )


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    other = create_organisation("caritas", "Caritas", ["MBE"])
    me = users_by_role[Role.COUNSELLOR.value]
    colleague = make_user("kollegin", provider, Role.COUNSELLOR)
    foreign = make_user("fremd", other, Role.COUNSELLOR)
    return {
        "me": me,
        "lead": users_by_role[Role.TEAM_LEAD.value],
        "mine": open_client("Olena Kovalenko", provider, me),
        "second": open_client("Andrij Kovalenko", provider, me),
        "colleague": open_client("Hans Schmidt", provider, colleague),
        "foreign": open_client("Ali Hassan", other, foreign),
        "browser": signed_in_client(me),
    }


def url(name: str, client: Person, member: Person | None = None) -> str:
    kwargs = {"pk": client.pk} | ({"member_pk": member.pk} if member else {})
    return reverse(f"casework:{name}", kwargs=kwargs)


def add_new(browser: Client, client: Person, **fields: Any) -> Any:
    data = {
        "aktion": "neu",
        "neu-first_name": "Mila",
        "neu-last_name": "Kovalenko",
        "neu-birth_date": "2016-05-04",
        "neu-gender": "w",
        "neu-relation": "child",
    }
    data.update({f"neu-{key}": value for key, value in fields.items()})
    return browser.post(url("household_member_add", client), data)


def changes_of(person: Person) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Person),
            object_pk=str(person.pk),
            action=LogEntry.Action.UPDATE,
        )
    )


def test_create_household_makes_the_client_its_reference(world: dict[str, Any]) -> None:
    client = world["mine"].client
    response = world["browser"].post(url("household_create", client))
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.household is not None
    assert client.household.organisation_id == client.organisation_id
    assert client.household_relation == "reference"
    change = changes_of(client)[-1]
    assert change.actor == world["me"]
    assert "household" in change.changes_dict

    # a second household for the same client is refused, nothing changes
    world["browser"].post(url("household_create", client))
    assert Household.objects.count() == 1


def test_add_a_new_child_who_can_be_present_and_co_counselled(world: dict[str, Any]) -> None:
    case = world["mine"]
    client = case.client
    response = add_new(world["browser"], client)  # no household yet: one is created
    assert response.status_code == 302
    client.refresh_from_db()
    child = Person.objects.get(first_name="Mila")
    assert (child.household_id, child.household_relation) == (client.household_id, "child")
    assert client.household_relation == "reference"
    assert (child.organisation_id, child.birth_date, child.birth_year, child.gender) == (
        client.organisation_id,
        datetime.date(2016, 5, 4),
        2016,
        "w",
    )
    created = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(Person),
        object_pk=str(child.pk),
        action=LogEntry.Action.CREATE,
    )
    assert created.actor == world["me"]

    # the client page names the child (and logs the read)
    page = world["browser"].get(url("client_detail", client))
    assert "Mila Kovalenko" in page.content.decode()
    assert LogEntry.objects.filter(
        object_pk=str(child.pk), action=LogEntry.Action.ACCESS, actor=world["me"]
    ).exists()

    # the case page offers the child as present in a session and as co-counselled
    session = world["browser"].post(
        reverse("casework:session_create", kwargs={"pk": case.pk}),
        {
            "date": "2024-03-01",
            "duration_minutes": "30",
            "topics": ["arbeit"],
            "present": [child.pk],
        },
    )
    assert session.status_code == 302
    assert set(case.sessions.get().present.values_list("pk", flat=True)) == {child.pk}
    team = world["browser"].post(
        reverse("casework:case_team", kwargs={"pk": case.pk}),
        {"responsible": world["me"].pk, "co_counselled": [child.pk]},
    )
    assert team.status_code == 302
    assert set(case.co_counselled.values_list("pk", flat=True)) == {child.pk}


def test_a_new_member_needs_a_name_and_a_birth_date_not_in_the_future(
    world: dict[str, Any],
) -> None:
    client = world["mine"].client
    response = add_new(world["browser"], client, first_name="", birth_date="2999-01-01")
    assert response.status_code == 400
    assert not Person.objects.filter(last_name="Kovalenko", birth_year=2999).exists()
    assert Person.objects.count() == 4


def test_add_a_recorded_person_the_user_sees(world: dict[str, Any]) -> None:
    client, partner = world["mine"].client, world["second"].client
    households.create_household(partner)  # alone in a household of his own
    former = partner.household_id
    search = world["browser"].get(url("household_member_add", client), {"q": "Andrij"})
    assert search.status_code == 200
    assert partner in search.context["found"]
    assert LogEntry.objects.filter(
        object_pk=str(partner.pk), additional_data={"read": "household-search"}
    ).exists()

    response = world["browser"].post(
        url("household_member_add", client) + "?q=Andrij",
        {"aktion": "vorhanden", "person": partner.pk, "vorhanden-relation": "partner"},
    )
    assert response.status_code == 302
    client.refresh_from_db()
    partner.refresh_from_db()
    assert partner.household_id == client.household_id is not None
    assert partner.household_relation == "partner"
    assert not Household.objects.filter(pk=former).exists()  # left empty: deleted


def test_a_second_reference_person_is_refused(world: dict[str, Any]) -> None:
    client, partner = world["mine"].client, world["second"].client
    households.create_household(client)
    response = world["browser"].post(
        url("household_member_add", client),
        {"aktion": "vorhanden", "person": partner.pk, "vorhanden-relation": "reference"},
    )
    assert response.status_code == 400
    partner.refresh_from_db()
    assert partner.household_id is None


def test_remove_a_member_and_change_a_relation(world: dict[str, Any]) -> None:
    client = world["mine"].client
    add_new(world["browser"], client)
    child = Person.objects.get(first_name="Mila")
    response = world["browser"].post(
        url("household_member_relation", client, child),
        {"relation": "other", "version": child.version},
    )
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.household_relation == "other"

    # a page loaded before that change carries the old version: refused, nothing changes
    world["browser"].post(
        url("household_member_remove", client, child), {"version": child.version - 1}
    )
    child.refresh_from_db()
    assert child.household_id is not None

    world["browser"].post(url("household_member_remove", client, child), {"version": child.version})
    alone = Person.objects.get(pk=child.pk)  # the person stays
    assert (alone.household_id, alone.household_relation) == (None, "")
    assert changes_of(child)[-1].actor == world["me"]
    # the client alone keeps the household
    client.refresh_from_db()
    assert client.household_id is not None


def test_move_keeps_past_sessions_and_co_counselling(world: dict[str, Any]) -> None:
    me, browser = world["me"], world["browser"]
    case_a, case_b = world["mine"], world["second"]
    a, b = case_a.client, case_b.client
    add_new(browser, a, first_name="Mila")
    add_new(browser, a, first_name="Petro", birth_date="1983-02-01", relation="partner")
    households.create_household(b)
    a.refresh_from_db()
    b.refresh_from_db()
    child, partner = Person.objects.get(first_name="Mila"), Person.objects.get(first_name="Petro")
    first = services.record_session(
        case_a, author=me, present=[child, partner], date=datetime.date(2024, 2, 1)
    )
    second = services.record_session(
        case_a, author=me, present=[partner], date=datetime.date(2024, 2, 8)
    )
    case_a.co_counselled.set([partner])

    for person in (child, partner):
        person.refresh_from_db()
        response = browser.post(
            url("household_member", a, person) + "?q=Andrij",
            {
                "target": b.pk,
                "umzug-relation": person.household_relation,
                "umzug-version": person.version,
            },
        )
        assert response.status_code == 302, response.content
    child.refresh_from_db()
    partner.refresh_from_db()
    assert child.household_id == partner.household_id == b.household_id
    assert Person.objects.get(pk=a.pk).household_id == a.household_id  # a stays

    # the past exactly as it was
    present = {s.pk: set(s.present.values_list("pk", flat=True)) for s in Session.objects.all()}
    assert present == {first.pk: {child.pk, partner.pk}, second.pk: {partner.pk}}
    assert set(case_a.co_counselled.values_list("pk", flat=True)) == {partner.pk}
    assert not case_b.co_counselled.exists()

    # the new household's case offers the moved child; the old case still keeps the
    # co-counselled partner and no longer offers the child
    session_b = browser.post(
        reverse("casework:session_create", kwargs={"pk": case_b.pk}),
        {"date": "2024-03-01", "duration_minutes": "30", "present": [child.pk]},
    )
    assert session_b.status_code == 302
    assert set(case_b.sessions.get().present.values_list("pk", flat=True)) == {child.pk}
    session_a = browser.post(
        reverse("casework:session_create", kwargs={"pk": case_a.pk}),
        {"date": "2024-03-01", "duration_minutes": "30", "present": [child.pk, partner.pk]},
    )
    assert session_a.status_code == 400
    browser.post(
        reverse("casework:session_create", kwargs={"pk": case_a.pk}),
        {"date": "2024-03-01", "duration_minutes": "30", "present": [partner.pk]},
    )
    latest = case_a.sessions.order_by("-pk").first()
    assert latest is not None and set(latest.present.values_list("pk", flat=True)) == {partner.pk}
    assert "household" in changes_of(child)[-1].changes_dict


def test_move_the_client_into_a_person_without_household(world: dict[str, Any]) -> None:
    a, b = world["mine"].client, world["second"].client
    response = world["browser"].post(
        url("household_member", a, a) + "?q=Andrij",
        {"target": b.pk, "umzug-relation": "partner"},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.household_id == b.household_id is not None
    assert (a.household_relation, b.household_relation) == ("partner", "reference")


def test_other_organisations_and_invisible_persons_are_404(world: dict[str, Any]) -> None:
    browser = world["browser"]
    mine, foreign, hidden = world["mine"].client, world["foreign"].client, world["colleague"].client
    households.create_household(mine)
    households.create_household(foreign)
    households.create_household(hidden)
    foreign_child = households.add_new_member(
        foreign, relation="child", data={"first_name": "Zaid", "last_name": "Hassan"}
    )
    for person in (foreign, hidden):
        assert browser.get(url("household_member_add", person)).status_code == 404
        assert browser.post(url("household_create", person)).status_code == 404
        assert browser.get(url("household_member", person, person)).status_code == 404
        assert (
            browser.post(url("household_member_remove", person, person), {"version": 1}).status_code
            == 404
        )
        # as the person to add or the household to move into
        assert (
            browser.post(
                url("household_member_add", mine),
                {"aktion": "vorhanden", "person": person.pk, "vorhanden-relation": "partner"},
            ).status_code
            == 404
        )
        assert (
            browser.post(
                url("household_member", mine, mine),
                {"target": person.pk, "umzug-relation": "other"},
            ).status_code
            == 404
        )
    # a member of another household named through my client
    for stranger in (foreign_child, hidden):
        assert (
            browser.post(url("household_member_remove", mine, stranger), {"version": 1}).status_code
            == 404
        )
        assert (
            browser.post(
                url("household_member_relation", mine, stranger), {"relation": "other"}
            ).status_code
            == 404
        )
        assert browser.get(url("household_member", mine, stranger)).status_code == 404
    # the search does not find them either
    search = browser.get(url("household_member_add", mine), {"q": "Hassan"})
    assert search.context["found"] == []
    for person in (foreign, foreign_child, hidden):
        person.refresh_from_db()
        assert person.household_relation in {"reference", "child"}
        assert person.household_id != mine.household_id


def test_a_colleagues_client_in_my_clients_household_is_not_shown(world: dict[str, Any]) -> None:
    """A member counselled in a case the user may not open stays hidden (access.open_to)
    and cannot be acted on."""
    mine, hidden = world["mine"].client, world["colleague"].client
    households.create_household(mine)
    households.move(hidden, mine.household_id or 0, relation="partner")
    page = world["browser"].get(url("client_detail", mine))
    assert "Hans Schmidt" not in page.content.decode()
    assert world["browser"].post(url("household_member_remove", mine, hidden)).status_code == 404


@pytest.mark.parametrize(
    ("field", "value", "status"),
    [
        ("person", "abc", 400),
        ("person", "1e3", 400),
        ("person", "99999999999999999999999", 400),
        ("person", "-1", 400),
        ("person", "9223372036854775807", 404),
        ("person", "", 400),  # no person chosen: the form says so
    ],
)
def test_hostile_person_ids(world: dict[str, Any], field: str, value: str, status: int) -> None:
    mine = world["mine"].client
    response = world["browser"].post(
        url("household_member_add", mine),
        {"aktion": "vorhanden", field: value, "vorhanden-relation": "partner"},
    )
    assert response.status_code == status
    assert not Household.objects.exists()


def test_hostile_values_change_nothing(world: dict[str, Any]) -> None:
    browser, mine = world["browser"], world["mine"].client
    households.create_household(mine)
    mine.refresh_from_db()
    base = f"/ratsuchende/{mine.pk}/haushalt/"
    assert browser.post(base + "99999999999999999999/entfernen/").status_code == 404
    assert browser.post(base + "0/entfernen/").status_code == 404
    assert (
        browser.post(url("household_member_relation", mine, mine), {"relation": "boss"}).status_code
        == 302
    )
    assert (
        browser.post(url("household_member_remove", mine, mine), {"version": "x"}).status_code
        == 400
    )
    assert browser.post(url("household_member_add", mine), {"aktion": "drop"}).status_code == 400
    assert browser.get(url("household_member_add", mine), {"q": "a\x00b"}).status_code == 400
    mine.refresh_from_db()
    assert mine.household_relation == "reference"
    assert mine.household_id is not None


def test_the_team_lead_manages_households_of_the_team(world: dict[str, Any]) -> None:
    lead = signed_in_client(world["lead"])
    client = world["colleague"].client
    response = add_new(lead, client, first_name="Lina", last_name="Schmidt")
    assert response.status_code == 302
    assert (
        Person.objects.get(first_name="Lina").household_id
        == Person.objects.get(pk=client.pk).household_id
    )


def test_changing_to_a_second_reference_is_refused_with_the_reason(
    world: dict[str, Any],
) -> None:
    client = world["mine"].client
    add_new(world["browser"], client)
    child = Person.objects.get(first_name="Mila")
    response = world["browser"].post(
        url("household_member_relation", client, child),
        {"relation": "reference", "version": child.version},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("household_member", client, child)
    assert "bereits eine Bezugsperson" in response.content.decode() or (
        "already has a reference person" in response.content.decode()
    )
    child.refresh_from_db()
    assert child.household_relation == "child"


def test_a_visible_person_of_my_other_organisation_is_404(world: dict[str, Any]) -> None:
    """Working at two organisations does not join their households."""
    from teilhabe.accounts.services import add_membership

    me, foreign_case = world["me"], world["foreign"]
    add_membership(me, foreign_case.organisation, Role.COUNSELLOR)
    foreign_case.responsible = me
    foreign_case.save()
    mine, theirs = world["mine"].client, foreign_case.client
    assert world["browser"].get(url("client_detail", theirs)).status_code == 200  # visible
    response = world["browser"].post(
        url("household_member_add", mine),
        {"aktion": "vorhanden", "person": theirs.pk, "vorhanden-relation": "partner"},
    )
    assert response.status_code == 404
    moved = world["browser"].post(
        url("household_member", mine, mine), {"target": theirs.pk, "umzug-relation": "partner"}
    )
    assert moved.status_code == 404
    assert not Household.objects.exists()
