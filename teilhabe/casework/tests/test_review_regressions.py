"""What a review of issue 9's fixes found, each now refused: a backdated or merged case
escaping a withdrawal, a withdrawn copy still named on other cases and in the family
search, an import through a counsellor membership, a backdated status taking over the
authorship of a goal, and an expression tree that grew with every withdrawal."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework import handover, services
from teilhabe.casework.access import visible_cases, visible_persons
from teilhabe.casework.corrections import goal_author_id
from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.merge import merge_clients
from teilhabe.casework.models import Case, Goal, Person, Session
from teilhabe.casework.tests.test_import_access import _write, mbe_lead, organisation  # noqa: F401
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.core.tabular import TableError
from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes.selectors import find_family_persons

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


def _open(person: Person, code: str, owner: User, on: datetime.date = DAY) -> Case:
    return services.open_case(
        client=person, service_id=Service.objects.get(code=code).pk, kind="beratung",
        opened_on=on, access_route="familie", responsible=owner,
    )  # fmt: skip


def _handover(users: dict[str, User], provider: Organisation, city: Organisation) -> Any:
    counsellor = users[Role.COUNSELLOR.value]
    olena = Person.objects.create(
        organisation=provider, first_name="Olena", last_name="Kovalenko", birth_year=1985
    )
    consent = handover.record_consent(
        olena, user=counsellor, recipient=city, recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing", given_on=DAY, explained_language="uk", refusal_explained=True,
        withdrawal_explained=True,
    )  # fmt: skip
    referral = handover.propose(
        _open(olena, "MBE", counsellor), consent=consent, kind="clearing", note="", user=counsellor
    )
    manager = make_user("cm", city, Role.COUNSELLOR)
    return manager, consent, handover.accept(referral, user=manager, on=DAY)


def test_a_backdated_case_goes_with_the_withdrawal(
    users_by_role: dict[str, User], provider: Organisation, city: Organisation
) -> None:
    manager, consent, received = _handover(users_by_role, provider, city)
    copy = received.client
    response = signed_in_client(manager).post(
        reverse("casework:case_create", kwargs={"pk": copy.pk}),
        {"service": Service.objects.get(code="KIM").pk, "kind": "beratung",
         "opened_on": "2020-01-01", "access_route": "familie"},
    )  # fmt: skip
    assert response.status_code == 302
    handover.withdraw(consent)
    assert copy not in visible_persons(manager)
    assert not visible_cases(manager).filter(client=copy).exists()


def test_a_withdrawn_copy_is_named_nowhere(
    users_by_role: dict[str, User], provider: Organisation, city: Organisation
) -> None:
    manager, consent, received = _handover(users_by_role, provider, city)
    copy = received.client
    other = Person.objects.create(organisation=city, first_name="Amal", last_name="Saleh")
    case = _open(other, "KIM", manager, DAY - datetime.timedelta(days=5))
    case.co_counselled.add(copy)
    services.record_session(
        case, author=manager, present=[copy], date=DAY, duration_minutes=30, topics=["bildung"]
    )
    handover.withdraw(consent)
    client = signed_in_client(manager)
    url = reverse("casework:case_detail", kwargs={"pk": case.pk})
    for tab in ("", "?teil=verlauf", "?teil=plan", "?teil=team"):
        assert "Kovalenko" not in client.get(url + tab).content.decode()
    export = client.get(reverse("casework:client_export", kwargs={"pk": other.pk, "fmt": "json"}))
    assert "Kovalenko" not in export.content.decode()
    assert copy not in find_family_persons(manager, city.pk, "Kovalenko")
    # saving the team form keeps the hidden person where it is
    client.post(reverse("casework:case_team", kwargs={"pk": case.pk}), {"responsible": manager.pk})
    assert list(case.co_counselled.all()) == [copy]


def test_a_merge_does_not_keep_the_copy(
    users_by_role: dict[str, User], provider: Organisation, city: Organisation
) -> None:
    manager, consent, received = _handover(users_by_role, provider, city)
    copy = received.client
    older = Person.objects.create(organisation=city, first_name="Olena", last_name="Kowalenko")
    _open(older, "KIM", manager, DAY - datetime.timedelta(days=100))
    merge_clients(copy, older, user=manager)
    handover.withdraw(consent)
    assert copy not in visible_persons(manager)


def test_many_withdrawals_keep_the_query_small(
    users_by_role: dict[str, User], provider: Organisation, city: Organisation
) -> None:
    manager, consent, _received = _handover(users_by_role, provider, city)
    handover.withdraw(consent)
    sql = str(visible_cases(manager).query)
    assert sql.count('"client_id" IN') == 1  # one list, not a term per withdrawal
    from teilhabe.casework import access

    access.WITHDRAWN_AS_LIST = 0  # past the limit: one subquery
    try:
        sql = str(visible_cases(manager).query)
        assert sql.count("casework_referral") == 1
        assert not visible_cases(manager).filter(client=_received.client).exists()
    finally:
        access.WITHDRAWN_AS_LIST = 500


def test_an_import_changes_only_what_the_team_lead_leads(
    organisation: Organisation,  # noqa: F811  (the fixture of test_import_access)
    mbe_lead: User,  # noqa: F811
    tmp_path: Path,
) -> None:
    # the MBE lead is also the JMD counsellor responsible for the JMD case F2
    add_membership(mbe_lead, organisation, Role.COUNSELLOR, [Service.objects.get(code="JMD")])
    f2 = Case.objects.get(external_id="F2")
    f2.responsible = mbe_lead
    f2.save()
    path = _write(
        tmp_path, "x", "person_id;vorname;nachname;geburtsjahr\n",
        "fall_id;person_id;dienst;art;beginn\n",
        "fall_id;datum;dauer_min\nF2;07.05.2024;5\nF2;08.05.2024;5\n",
        "ziel_id;fall_id;bereich;formuliert_am;status\nZ1;F2;beruflich;05.05.2024;erreicht\n",
    )  # fmt: skip
    with pytest.raises(TableError):
        import_casework(path, organisation, actor=mbe_lead)
    assert Session.objects.filter(case=f2).count() == 1
    assert Goal.objects.get(external_id="Z1").area == "sprachlich"


def test_a_backdated_status_does_not_make_a_goal_author(
    users_by_role: dict[str, User], provider: Organisation
) -> None:
    mbe = Service.objects.get(code="MBE")
    owner, colleague = make_user("owner"), make_user("colleague")
    for user in (owner, colleague):
        add_membership(user, provider, Role.COUNSELLOR, [mbe])
    case = _open(
        Person.objects.create(organisation=provider, first_name="A", last_name="B"), "MBE", owner
    )
    case.shared_with.add(colleague)
    goal = services.add_goal(case, user=owner, area="sprachlich", text="B1", agreed_on=DAY)
    client = signed_in_client(colleague)
    client.post(
        reverse("casework:goal_status", kwargs={"pk": case.pk, "goal_pk": goal.pk}),
        {"status": "in_bearbeitung", "set_on": "2000-01-01"},
    )
    url = reverse("casework:goal_correct", kwargs={"pk": case.pk, "goal_pk": goal.pk})
    assert client.post(url, {"area": "sprachlich", "text": "FORGED"}).status_code == 403
    goal.refresh_from_db()
    assert goal.text == "B1" and goal_author_id(goal) == owner.pk
