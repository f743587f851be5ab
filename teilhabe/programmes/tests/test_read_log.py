"""Every programme page that names a family is in the audit log (issue 9, finding 8):
the family search sent by POST, the programme page's list of families, the forms to
end, change and edit a participation, the enrolment page shown again with an error."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.casework.models import Person
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation
from teilhabe.programmes import services
from teilhabe.programmes.models import Enrolment, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(hippy: Programme) -> Enrolment:
    household, parent = services.create_family(
        hippy.organisation_id,
        services.NewFamily(first_name="Amina", last_name="Haddad", country_of_origin="SY"),
    )
    return services.enrol(
        programme=hippy,
        household=household,
        contact_person=parent,
        start_date=datetime.date(2024, 9, 1),
    )


@pytest.fixture
def client(coordinator: User) -> Client:
    return signed_in_client(coordinator)


def url(name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"pk": pk})


def reads(user: User, what: str) -> list[tuple[str, str]]:
    entries = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, actor=user, additional_data__read=what
    )
    return sorted(entries.values_list("content_type__model", "object_pk"))


def test_the_family_search_sent_by_post_is_logged(
    client: Client, coordinator: User, hippy: Programme, provider: Organisation
) -> None:
    known = Person.objects.create(organisation=provider, first_name="Layla", last_name="Nasser")
    response = client.post(url("enrol", hippy.pk), {"q": "nasser"})  # no start date: shown again
    assert response.status_code == 400
    assert [value for value, _label in response.context["form"].fields["person"].choices] == [
        known.pk
    ]
    assert reads(coordinator, "programme-family-search") == [("person", str(known.pk))]


def test_the_programme_page_logs_each_family_listed(
    client: Client, coordinator: User, enrolment: Enrolment
) -> None:
    page = client.get(url("programme_detail", enrolment.programme_id))
    assert page.status_code == 200 and "Amina Haddad" in page.content.decode()
    assert reads(coordinator, "programme") == [("enrolment", str(enrolment.pk))]


@pytest.mark.parametrize(
    ("name", "what"),
    [("enrolment_end", "end"), ("enrolment_change", "change"), ("enrolment_edit", "edit")],
)
def test_the_forms_of_a_participation_are_logged(
    client: Client, coordinator: User, enrolment: Enrolment, name: str, what: str
) -> None:
    assert client.get(url(name, enrolment.pk)).status_code == 200
    assert reads(coordinator, what) == [("enrolment", str(enrolment.pk))]


def test_the_enrolment_page_shown_again_with_a_visit_error_is_logged(
    client: Client, coordinator: User, enrolment: Enrolment
) -> None:
    response = client.post(url("visit_create", enrolment.pk), {})
    assert response.status_code == 400
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=coordinator)
    assert list(entries.values_list("content_type__model", "object_pk")) == [
        ("enrolment", str(enrolment.pk))
    ]
