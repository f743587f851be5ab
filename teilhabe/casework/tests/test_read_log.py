"""Every casework page that shows a person is in the audit log (issue 9, finding 8):
the client list without a search, the case list, the client edit form, the new-case,
hand-over and merge forms, the duplicate warning, the hand-over inbox and the case page
shown again with a form error."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import handover, services
from teilhabe.casework.models import Case, Household, Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
DAY = datetime.date(2024, 3, 1)


def _case(organisation: Organisation, owner: User, first: str, last: str) -> Case:
    person = Person.objects.create(
        organisation=organisation,
        first_name=first,
        last_name=last,
        birth_year=1985,
        phone="0151 000",
        email="olena@example.org",
    )
    return services.open_case(
        client=person,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=DAY,
        access_route="familie",
        responsible=owner,
    )


@pytest.fixture
def world(users_by_role: dict[str, User], provider: Organisation) -> dict[str, Any]:
    me = users_by_role[Role.COUNSELLOR.value]
    return {
        "me": me,
        "lead": users_by_role[Role.TEAM_LEAD.value],
        "mine": _case(provider, me, "Olena", "Kovalenko"),
        "second": _case(provider, me, "Hans", "Schmidt"),
    }


def reads(user: User, what: str) -> list[tuple[str, str]]:
    """(model, pk) of each read the user left with this `what`, sorted."""
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=user, additional_data__read=what
    )
    return sorted(entries.values_list("content_type__model", "object_pk"))


def person(case: Case) -> tuple[str, str]:
    return ("person", str(case.client_id))


def test_the_client_list_without_a_search_logs_every_person_shown(
    world: dict[str, Any],
) -> None:
    response = signed_in_client(world["me"]).get(reverse("casework:client_list"))
    assert response.status_code == 200 and len(response.context["clients"]) == 2
    assert reads(world["me"], "client-list") == sorted(
        [person(world["mine"]), person(world["second"])]
    )


def test_the_case_list_logs_each_client_of_the_page_once_in_one_insert(
    world: dict[str, Any],
) -> None:
    services.open_case(  # a second case of the same client: still one entry for her
        client=world["mine"].client,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=DAY,
        access_route="familie",
        responsible=world["me"],
    )
    client = signed_in_client(world["me"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("casework:case_list"), {"status": "all"})
    assert response.status_code == 200 and response.context["count"] == 3
    assert reads(world["me"], "case-list") == sorted(
        [person(world["mine"]), person(world["second"])]
    )
    inserts = [q for q in queries.captured_queries if 'INSERT INTO "auditlog_logentry"' in q["sql"]]
    assert len(inserts) == 1  # batched: the bench's case list stays fast
    rows = [
        q for q in queries.captured_queries if q["sql"].startswith('SELECT "casework_case"."id"')
    ]
    assert len(rows) == 1  # the page's rows, read once: the template uses the same list


def test_the_client_edit_form_is_logged(world: dict[str, Any]) -> None:
    client_pk = world["mine"].client_id
    page = signed_in_client(world["me"]).get(
        reverse("casework:client_edit", kwargs={"pk": client_pk})
    )
    assert page.status_code == 200 and "olena@example.org" in page.content.decode()
    assert reads(world["me"], "edit") == [person(world["mine"])]


def test_the_new_case_form_is_logged(world: dict[str, Any]) -> None:
    url = reverse("casework:case_create", kwargs={"pk": world["mine"].client_id})
    assert signed_in_client(world["me"]).get(url).status_code == 200
    assert reads(world["me"], "new-case") == [person(world["mine"])]


def test_the_hand_over_form_is_logged(world: dict[str, Any]) -> None:
    url = reverse("casework:handover", kwargs={"pk": world["mine"].pk})
    assert signed_in_client(world["me"]).get(url).status_code == 200
    assert reads(world["me"], "handover") == [("case", str(world["mine"].pk))]


def test_the_hand_over_inbox_logs_the_persons_proposed(
    world: dict[str, Any], city: Organisation
) -> None:
    case = world["mine"]
    consent = handover.record_consent(
        case.client,
        user=world["me"],
        recipient=city,
        recipient_service=Service.objects.get(code="KIM"),
        purpose="Clearing",
        given_on=DAY,
        explained_language="uk",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    handover.propose(case, consent=consent, kind="clearing", note="", user=world["me"])
    case_manager = make_user("cm", city, Role.COUNSELLOR)
    page = signed_in_client(case_manager).get(reverse("casework:handover_inbox"))
    assert page.status_code == 200 and "Olena Kovalenko" in page.content.decode()
    assert reads(case_manager, "handover-inbox") == [person(case)]


def test_the_merge_form_logs_the_client_and_the_duplicates_offered(
    world: dict[str, Any], provider: Organisation
) -> None:
    duplicate = _case(provider, world["me"], "Olena", "Kowalenko").client
    url = reverse("casework:client_merge", kwargs={"pk": world["mine"].client_id})
    page = signed_in_client(world["lead"]).get(url)
    assert page.status_code == 200 and duplicate in page.context["similar"]
    assert reads(world["lead"], "merge") == sorted(
        [person(world["mine"]), ("person", str(duplicate.pk))]
    )


def test_the_duplicate_warning_logs_the_persons_it_shows(world: dict[str, Any]) -> None:
    form = {
        "person-first_name": "Olena",
        "person-last_name": "Kovalenko",
        "person-birth_year": "1985",
        "case-service": Service.objects.get(code="MBE").pk,
        "case-kind": "beratung",
        "case-opened_on": "2024-03-02",
        "case-access_route": "familie",
    }
    page = signed_in_client(world["me"]).post(reverse("casework:client_create"), form)
    assert page.status_code == 200 and page.context["duplicates"]
    assert reads(world["me"], "duplicate-check") == [person(world["mine"])]


def test_the_case_page_shown_again_with_a_form_error_is_logged(world: dict[str, Any]) -> None:
    url = reverse("casework:goal_create", kwargs={"pk": world["mine"].pk})
    response = signed_in_client(world["me"]).post(url, {})
    assert response.status_code == 400  # the whole case page, with the goal form's errors
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=world["me"])
    assert list(entries.values_list("content_type__model", "object_pk")) == [
        ("case", str(world["mine"].pk))
    ]


def test_the_client_page_logs_the_household_members_it_names(
    world: dict[str, Any], provider: Organisation
) -> None:
    household = Household.objects.create(organisation=provider)
    client = world["mine"].client
    daughter = Person.objects.create(
        organisation=provider, first_name="Mila", last_name="Kovalenko", household=household
    )
    client.household = household
    client.save()
    page = signed_in_client(world["me"]).get(
        reverse("casework:client_detail", kwargs={"pk": client.pk})
    )
    assert page.status_code == 200 and "Mila Kovalenko" in page.content.decode()
    assert reads(world["me"], "household") == [("person", str(daughter.pk))]
