"""Finding a known family to enrol names nobody whose record would tell the programme
coordinator of counselling they may not see (the finding carried over from issue 9):
a client of the organisation's migration counselling, and the members of that client's
household, stay hidden unless the coordinator may open that case (as team lead of the
service, say), or the family already takes part in one of the coordinator's
programmes."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework import services as casework
from teilhabe.casework.models import Household, Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes import services
from teilhabe.programmes.models import Programme

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 1)


def person(organisation: Organisation, first: str, household: Household | None) -> Person:
    return Person.objects.create(
        organisation=organisation, first_name=first, last_name="Nasser", household=household
    )


@pytest.fixture
def nassers(provider: Organisation, hippy: Programme) -> dict[str, Person]:
    counsellor = make_user("mbe", provider, Role.COUNSELLOR)
    counselled = Household.objects.create(organisation=provider)
    enrolled = Household.objects.create(organisation=provider)
    found = {
        "Layla": person(provider, "Layla", counselled),  # MBE client
        "Omar": person(provider, "Omar", counselled),  # her husband, in no case
        "Rana": person(provider, "Rana", Household.objects.create(organisation=provider)),
        "Sami": person(provider, "Sami", enrolled),  # MBE client, family in HIPPY
        "Tarek": person(provider, "Tarek", None),  # in no household, no case
    }
    mbe = Service.objects.get(code="MBE").pk
    for name in ("Layla", "Sami"):
        casework.open_case(
            client=found[name], service_id=mbe, kind="beratung", opened_on=DAY,
            access_route="familie", responsible=counsellor,
        )  # fmt: skip
    services.enrol(
        programme=hippy, household=enrolled, contact_person=found["Sami"], start_date=DAY
    )
    return found


def names_found(client: Client, programme: Programme) -> list[str]:
    page = client.get(reverse("programmes:enrol", kwargs={"pk": programme.pk}), {"q": "nasser"})
    assert page.status_code == 200
    choices = page.context["form"].fields["person"].choices
    return sorted(Person.objects.get(pk=value).first_name for value, _label in choices)


def test_the_coordinator_does_not_find_a_counselled_family(
    nassers: dict[str, Person], hippy: Programme, coordinator: User
) -> None:
    found = names_found(signed_in_client(coordinator), hippy)
    assert found == ["Rana", "Sami", "Tarek"]
    page = signed_in_client(coordinator).get(
        reverse("programmes:enrol", kwargs={"pk": hippy.pk}), {"q": "Layla Nasser"}
    )
    assert "person" not in page.context["form"].fields  # nobody found


def test_a_coordinator_who_leads_the_service_finds_them(
    nassers: dict[str, Person], hippy: Programme, coordinator: User, provider: Organisation
) -> None:
    add_membership(coordinator, provider, Role.TEAM_LEAD, [Service.objects.get(code="MBE")])
    assert names_found(signed_in_client(coordinator), hippy) == [
        "Layla", "Omar", "Rana", "Sami", "Tarek"
    ]  # fmt: skip


def test_a_counselled_family_in_another_service_stays_hidden(
    nassers: dict[str, Person], hippy: Programme, coordinator: User, provider: Organisation
) -> None:
    add_membership(coordinator, provider, Role.TEAM_LEAD, [Service.objects.get(code="JMD")])
    assert names_found(signed_in_client(coordinator), hippy) == ["Rana", "Sami", "Tarek"]


def test_a_hidden_client_without_household_hides_nobody_else(
    provider: Organisation, hippy: Programme, coordinator: User
) -> None:
    counsellor = make_user("mbe", provider, Role.COUNSELLOR)
    layla = person(provider, "Layla", None)
    person(provider, "Tarek", None)
    casework.open_case(
        client=layla, service_id=Service.objects.get(code="MBE").pk, kind="beratung",
        opened_on=DAY, access_route="familie", responsible=counsellor,
    )  # fmt: skip
    assert names_found(signed_in_client(coordinator), hippy) == ["Tarek"]
