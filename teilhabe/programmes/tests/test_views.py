"""The programme pages: who sees what, and what the forms accept and refuse."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.casework.models import Person
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.programmes import services
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme
from teilhabe.programmes.tests.world import programme_of

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def enrolment(hippy: Programme) -> Enrolment:
    household, parent = services.create_family(
        hippy.organisation_id,
        services.NewFamily(first_name="Amina", last_name="Haddad", country_of_origin="SY"),
    )
    return services.enrol(
        programme=hippy, household=household, contact_person=parent, start_date=D(2024, 9, 1)
    )


@pytest.fixture
def client(coordinator: User) -> Client:
    """The coordinator's browser, asking for English so that messages can be compared."""
    client = signed_in_client(coordinator)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def url(name: str, pk: int) -> str:
    return reverse(f"programmes:{name}", kwargs={"pk": pk})


def test_coordinator_sees_the_programme_and_its_families(
    client: Client, enrolment: Enrolment
) -> None:
    listing = client.get(reverse("programmes:programme_list"))
    assert listing.status_code == 200 and "HIPPY" in listing.content.decode()
    page = client.get(url("programme_detail", enrolment.programme_id))
    assert page.status_code == 200
    assert [e.pk for e in page.context["current"]] == [enrolment.pk]
    assert page.context["ended"] == [] and page.context["may_manage"]
    assert "Amina Haddad" in page.content.decode()


def test_reading_an_enrolment_is_logged(
    client: Client, enrolment: Enrolment, coordinator: User
) -> None:
    response = client.get(url("enrolment_detail", enrolment.pk))
    assert response.status_code == 200
    read = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(enrolment.pk))
    assert read.actor == coordinator and read.content_type.model == "enrolment"
    created = LogEntry.objects.filter(
        action=LogEntry.Action.CREATE, content_type__model="enrolment"
    )
    assert created.count() == 1  # the change log follows enrolments too


def test_team_lead_reads_but_changes_nothing(provider: Organisation, enrolment: Enrolment) -> None:
    lead = signed_in_client(make_user("leitung", provider, Role.TEAM_LEAD))
    assert lead.get(url("enrolment_detail", enrolment.pk)).status_code == 200
    page = lead.get(url("programme_detail", enrolment.programme_id))
    assert page.status_code == 200 and not page.context["may_manage"]
    assert lead.get(url("enrol", enrolment.programme_id)).status_code == 403
    response = lead.post(
        url("visit_create", enrolment.pk), {"date": "2024-09-10", "duration_minutes": 45}
    )
    assert response.status_code == 403 and not enrolment.visits.exists()


@pytest.mark.parametrize(
    "role", [Role.COUNSELLOR, Role.VOLUNTEER_COORDINATOR, Role.STATISTICS, Role.ADMINISTRATOR]
)
def test_other_roles_see_nothing(provider: Organisation, enrolment: Enrolment, role: Role) -> None:
    other = signed_in_client(make_user(f"user_{role.value}", provider, role))
    assert other.get(reverse("programmes:programme_list")).status_code == 403
    assert other.get(url("enrolment_detail", enrolment.pk)).status_code == 403


def test_another_organisations_coordinator_gets_404(
    city: Organisation, enrolment: Enrolment
) -> None:
    outsider_user = make_user("fremd", city, Role.PROGRAMME_COORDINATOR)
    programme_of(city, "HIPPY", "HIPPY der Stadt")
    outsider = signed_in_client(outsider_user)
    listing = outsider.get(reverse("programmes:programme_list"))
    assert [p.name for p in listing.context["programmes"]] == ["HIPPY der Stadt"]
    for name in ("enrolment_detail", "enrolment_end", "enrolment_edit", "enrolment_change"):
        assert outsider.get(url(name, enrolment.pk)).status_code == 404, name
    assert outsider.get(url("programme_detail", enrolment.programme_id)).status_code == 404
    assert outsider.get(url("figures_export", enrolment.programme_id)).status_code == 404
    response = outsider.post(
        url("visit_create", enrolment.pk), {"date": "2024-09-10", "duration_minutes": 45}
    )
    assert response.status_code == 404 and not enrolment.visits.exists()


def test_a_membership_limited_to_edu_does_not_reach_hippy(
    provider: Organisation, enrolment: Enrolment, edu: Programme
) -> None:
    user = make_user("edu_only", provider, Role.PROGRAMME_COORDINATOR)
    add_membership(user, provider, Role.PROGRAMME_COORDINATOR, [Service.objects.get(code="EDU")])
    limited = signed_in_client(user)
    assert limited.get(url("programme_detail", edu.pk)).status_code == 200
    assert limited.get(url("programme_detail", enrolment.programme_id)).status_code == 404
    assert limited.get(url("enrolment_detail", enrolment.pk)).status_code == 404


def test_enrol_a_new_family(client: Client, hippy: Programme, coordinator: User) -> None:
    response = client.post(
        url("enrol", hippy.pk),
        {
            "first_name": "Olena",
            "last_name": "Kovalenko",
            "country_of_origin": "UA",
            "languages": ["ukr", "rus"],  # the picker sends ISO 639-3 codes
            "child_first_name": "Taras",
            "child_birth_year": "2021",
            "start_date": "2025-01-15",
        },
    )
    enrolment = Enrolment.objects.get(programme=hippy)
    assert response.status_code == 302
    assert response.url == url("enrolment_detail", enrolment.pk)
    assert str(enrolment.contact_person) == "Olena Kovalenko"
    assert enrolment.coordinator == coordinator  # who enrols coordinates unless chosen
    assert enrolment.planned_end == D(2027, 1, 14)
    members = Person.objects.filter(household=enrolment.household).order_by("pk")
    assert [(p.first_name, p.languages) for p in members] == [
        ("Olena", ["ukr", "rus"]),
        ("Taras", ["ukr", "rus"]),
    ]


def test_enrol_needs_a_found_or_a_new_family(client: Client, hippy: Programme) -> None:
    response = client.post(url("enrol", hippy.pk), {"start_date": "2025-01-15"})
    assert response.status_code == 400
    assert response.context["form"].errors["last_name"] == [
        "Please pick a family found above or enter the new family's contact person."
    ]
    assert not Enrolment.objects.exists()


def test_enrol_a_known_client_of_the_organisation(
    client: Client, hippy: Programme, provider: Organisation, city: Organisation
) -> None:
    known = Person.objects.create(organisation=provider, first_name="Layla", last_name="Nasser")
    Person.objects.create(organisation=city, first_name="Layla", last_name="Nasser")
    search = client.get(url("enrol", hippy.pk), {"q": "nasser"})
    assert search.status_code == 200
    assert [value for value, _label in search.context["form"].fields["person"].choices] == [
        known.pk
    ]  # only the organisation's own
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(known.pk)
    ).exists()  # the search result was seen
    response = client.post(
        url("enrol", hippy.pk), {"q": "nasser", "person": known.pk, "start_date": "2025-02-01"}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(programme=hippy)
    known.refresh_from_db()
    assert enrolment.contact_person == known and known.household == enrolment.household


def test_an_empty_search_lists_nobody(
    client: Client, hippy: Programme, provider: Organisation
) -> None:
    Person.objects.create(organisation=provider, first_name="Layla", last_name="Nasser")
    page = client.get(url("enrol", hippy.pk), {"q": " "})
    assert "person" not in page.context["form"].fields


def test_quick_home_visit_and_its_checks(
    client: Client, enrolment: Enrolment, coordinator: User
) -> None:
    page = client.get(url("enrolment_detail", enrolment.pk))
    form = page.context["visit_form"]
    assert form["date"].value() == timezone.localdate()  # today by default
    assert form["visitor"].value() is None  # the family has no home visitor yet
    response = client.post(
        url("visit_create", enrolment.pk),
        {"date": "2024-09-10", "duration_minutes": "45", "material_unit": "3", "notes": "Buch"},
    )
    assert response.status_code == 302
    visit = enrolment.visits.get()
    assert (visit.duration_minutes, visit.material_unit, visit.recorded_by) == (45, 3, coordinator)
    early = client.post(
        url("visit_create", enrolment.pk), {"date": "2024-08-31", "duration_minutes": "45"}
    )
    long = client.post(
        url("visit_create", enrolment.pk), {"date": "2024-09-11", "duration_minutes": "601"}
    )
    assert early.status_code == 400
    assert early.context["visit_form"].errors["date"] == [
        "The visit cannot lie before the start of the participation."
    ]
    assert long.status_code == 400 and "duration_minutes" in long.context["visit_form"].errors
    assert enrolment.visits.count() == 1


def test_end_early_needs_a_reason(client: Client, enrolment: Enrolment) -> None:
    data = {"end_date": "2024-12-01", "end_kind": EndKind.EARLY, "version": enrolment.version}
    refused = client.post(url("enrolment_end", enrolment.pk), data)
    assert refused.status_code == 400
    assert refused.context["form"].errors["end_reason"] == ["An early end needs a reason."]
    assert Enrolment.objects.get(pk=enrolment.pk).end_date is None
    response = client.post(
        url("enrolment_end", enrolment.pk), {**data, "end_reason": EarlyEndReason.NO_INTEREST}
    )
    assert response.status_code == 302
    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert (stored.end_kind, stored.end_reason) == (EndKind.EARLY, EarlyEndReason.NO_INTEREST)


def test_end_from_a_stale_page_is_refused(client: Client, enrolment: Enrolment) -> None:
    services.update_enrolment(enrolment, expected_version=1, planned_end=D(2026, 6, 30))
    response = client.post(
        url("enrolment_end", enrolment.pk),
        {"end_date": "2024-12-01", "end_kind": EndKind.REGULAR, "version": 1},
    )
    assert response.status_code == 400
    assert "Somebody else saved this record" in str(response.context["form"].non_field_errors())
    assert Enrolment.objects.get(pk=enrolment.pk).end_date is None


def test_change_programme_page(client: Client, enrolment: Enrolment, edu: Programme) -> None:
    page = client.get(url("enrolment_change", enrolment.pk))
    assert [p.pk for p in page.context["form"].fields["target"].queryset] == [edu.pk]
    response = client.post(
        url("enrolment_change", enrolment.pk),
        {
            "target": edu.pk,
            "start_date": "2025-03-01",
            "old_end_kind": EndKind.EARLY,
            "version": enrolment.version,
        },
    )
    new = Enrolment.objects.get(programme=edu)
    assert response.status_code == 302 and response.url == url("enrolment_detail", new.pk)
    assert new.previous_enrolment_id == enrolment.pk
    history = client.get(url("enrolment_detail", new.pk)).context["history"]
    assert [e.programme.name for e in history] == ["HIPPY", "E:DU"]


def test_figures_page_and_json(client: Client, enrolment: Enrolment) -> None:
    services.record_visit(enrolment, date=D(2024, 9, 10), duration_minutes=50)
    services.record_visit(enrolment, date=D(2024, 9, 17), duration_minutes=45)
    page = client.get(
        url("figures", enrolment.programme_id), {"jahr": "2024"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    assert page.status_code == 200
    assert page.context["this"]["hausbesuche"] == 2
    assert "47,5" in page.content.decode()  # German decimal comma
    export = client.get(url("figures_export", enrolment.programme_id), {"jahr": "2024"})
    figures: dict[str, Any] = json.loads(export.content)
    assert figures["jahr"] == 2024 and figures["hausbesuch_dauer_durchschnitt"] == 47.5
    assert figures["herkunftslaender"] == {"SY": 1}


def test_set_up_and_edit_a_programme(client: Client, provider: Organisation) -> None:
    edu = Service.objects.get(code="EDU")
    provider.services.add(edu)
    response = client.post(
        reverse("programmes:programme_create"),
        {"offer": f"{provider.pk}:{edu.pk}", "name": "E:DU Westhagen", "duration_months": "24"},
    )
    programme = Programme.objects.get(name="E:DU Westhagen")
    assert response.status_code == 302 and programme.service == edu
    edit = client.post(
        url("programme_edit", programme.pk),
        {"name": "E:DU", "duration_months": "18", "material_units": "40", "version": "1"},
    )
    programme.refresh_from_db()
    assert edit.status_code == 302
    assert (programme.name, programme.duration_months, programme.material_units) == ("E:DU", 18, 40)
    assert programme.is_active is False  # an unticked box: takes no new families
