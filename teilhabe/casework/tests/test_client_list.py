"""The client list is paged with a total, and shows countries and languages by their
German names (issue 10, item 8)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(users_by_role: dict[str, User], provider: Organisation) -> User:
    counsellor = users_by_role[Role.COUNSELLOR.value]
    mbe = Service.objects.get(code="MBE").pk
    for number in range(60):
        person = Person.objects.create(
            organisation=provider,
            first_name=f"Person{number:02d}",
            last_name="Haddad" if number == 0 else f"Name{number:02d}",
            birth_year=1980 + number % 3,
            country_of_origin="SY",
            nationalities=["SY", "DE"],
            languages=["ar", "ku"],
        )
        services.open_case(
            client=person, service_id=mbe, kind="beratung", opened_on=datetime.date(2024, 1, 1),
            access_route="familie", responsible=counsellor,
        )  # fmt: skip
    return users_by_role[Role.TEAM_LEAD.value]


def test_the_list_is_paged_with_a_total(lead: User) -> None:
    client = signed_in_client(lead)
    first = client.get(reverse("casework:client_list"))
    html = first.content.decode()
    assert len(first.context["clients"]) == 50 and "60 Ratsuchende" in html
    assert "Seite 1 von 2" in html and "seite=2" in html
    second = client.get(reverse("casework:client_list"), {"seite": "2"})
    assert len(second.context["clients"]) == 10
    by_year = client.get(reverse("casework:client_list"), {"geburtsjahr": "1980"})
    assert by_year.context["page"].paginator.count == 20


def test_countries_and_languages_read_as_german_names(lead: User) -> None:
    client = signed_in_client(lead)
    listing = client.get(reverse("casework:client_list")).content.decode()
    assert '<td class="kern-table__cell">Syrien</td>' in listing
    person = Person.objects.get(last_name="Haddad")
    page = client.get(reverse("casework:client_detail", kwargs={"pk": person.pk})).content.decode()
    assert "Syrien, Deutschland" in page and "Arabisch, Kurdisch" in page
    assert "Arabische Republik" not in page
