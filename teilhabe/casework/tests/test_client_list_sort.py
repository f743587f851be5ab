"""The client list sorts by name, birth, last contact and creation, keeps the order
across pages and filters, and refuses an order it does not know (issue 10, item 8)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Person, Session
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation, Service

pytestmark = pytest.mark.django_db
D = datetime.date
# name, birth year, last contact (None: none yet), days since created
PEOPLE = [
    ("Berger", 1990, D(2024, 5, 1), 3),
    ("Albers", 1970, None, 1),
    ("Celik", 1985, D(2024, 9, 1), 2),
    ("Dogan", None, D(2023, 1, 1), 4),
]


@pytest.fixture
def client(users_by_role: dict[str, User], provider: Organisation) -> Client:
    counsellor = users_by_role[Role.COUNSELLOR.value]
    mbe = Service.objects.get(code="MBE").pk
    for name, year, contact, age in PEOPLE:
        person = Person.objects.create(organisation=provider, first_name="A", last_name=name,
                                       birth_year=year)  # fmt: skip
        Person.objects.filter(pk=person.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=age)
        )
        case = services.open_case(client=person, service_id=mbe, kind="beratung",
                                  opened_on=D(2022, 1, 1), access_route="", responsible=counsellor)  # fmt: skip
        if contact:
            Session.objects.create(case=case, date=contact)
            # a later but cancelled session is no contact
            Session.objects.create(case=case, date=D(2025, 1, 1), cancelled_at=timezone.now())
    return signed_in_client(counsellor)


def names(client: Client, **query: str) -> list[str]:
    response = client.get(reverse("casework:client_list"), query)
    assert response.status_code == 200
    return [person.last_name for person in response.context["clients"]]


def test_sort_orders(client: Client) -> None:
    assert names(client) == ["Albers", "Berger", "Celik", "Dogan"]
    assert names(client, sortierung="-name") == ["Dogan", "Celik", "Berger", "Albers"]
    assert names(client, sortierung="geburt") == ["Albers", "Celik", "Berger", "Dogan"]
    assert names(client, sortierung="-geburt") == ["Berger", "Celik", "Albers", "Dogan"]
    assert names(client, sortierung="-kontakt") == ["Celik", "Berger", "Dogan", "Albers"]
    assert names(client, sortierung="kontakt") == ["Dogan", "Berger", "Celik", "Albers"]
    assert names(client, sortierung="-erstellt") == ["Albers", "Celik", "Berger", "Dogan"]
    assert names(client, sortierung="erstellt") == ["Dogan", "Berger", "Celik", "Albers"]
    assert names(client, sortierung="geburt", geburtsjahr="1985") == ["Celik"]


def test_the_page_shows_last_contact_total_and_sort_links(client: Client) -> None:
    page = client.get(reverse("casework:client_list"), {"sortierung": "-kontakt"})
    html = page.content.decode()
    assert "4 Ratsuchende" in html
    assert "01.09.2024" in html and "01.01.2025" not in html  # cancelled: not a contact
    assert 'aria-sort="descending"' in html
    assert "?sortierung=kontakt" in html  # a second click reverses the order
    assert "?sortierung=name" in html and "?sortierung=-erstellt" in html


def test_paging_keeps_the_order(client: Client, provider: Organisation) -> None:
    counsellor = User.objects.get(username=Role.COUNSELLOR.value)
    mbe = Service.objects.get(code="MBE").pk
    for number in range(55):
        person = Person.objects.create(organisation=provider, last_name=f"Z{number:02d}")
        services.open_case(client=person, service_id=mbe, kind="beratung", opened_on=D(2022, 1, 1),
                           access_route="", responsible=counsellor)  # fmt: skip
    first = client.get(reverse("casework:client_list"), {"sortierung": "-name"})
    assert "59 Ratsuchende" in first.content.decode()
    assert "sortierung=-name&amp;seite=2" in first.content.decode()
    assert first.context["clients"][0].last_name == "Z54"
    assert names(client, sortierung="-name", seite="2")[-4:] == [
        "Dogan",
        "Celik",
        "Berger",
        "Albers",
    ]


def test_an_unknown_order_is_a_bad_request(client: Client) -> None:
    response = client.get(reverse("casework:client_list"), {"sortierung": "password"})
    assert response.status_code == 400
