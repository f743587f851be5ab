"""Who sees what (access.py), beyond the role matrix: the contact person of an institution
(no organisation role) sees only its own process, self-checks, evidence and certificate;
another institution's are a 404, the coach's and coordinator's forms a 403. A coach named
on a process coaches that one only."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.opening import services
from teilhabe.opening.models import Process
from teilhabe.opening.tests.world import opening_world

pytestmark = pytest.mark.django_db

OWN_PAGES = {
    "opening:process_detail": "<opening_process>",
    "opening:self_check_create": "<opening_process>",
    "opening:evidence_upload": "<opening_process>",
    "opening:self_check_detail": "<opening_self_check>",
    "opening:evidence_download": "<opening_evidence>",
}
COACH_PAGES = {
    "opening:session_create": "<opening_process>",
    "opening:measure_create": "<opening_process>",
    "opening:audit_record": "<opening_process>",
    "opening:stage_done": "<opening_stage>",
    "opening:measure_done": "<opening_measure>",
    "opening:evidence_check": "<opening_evidence>",
}
KEEPER_PAGES = {
    "opening:process_create": None,
    "opening:contact_create": "<opening_process>",
    "opening:certificate_issue": "<opening_process>",
    "opening:catalogue_list": None,
    "opening:catalogue_create": None,
    "opening:catalogue_detail": "<opening_catalogue>",
    "opening:catalogue_new_version": "<opening_catalogue>",
    "opening:area_create": "<opening_catalogue>",
    "opening:evidence_kind_create": "<opening_catalogue>",
    "opening:criterion_create": "<opening_area>",
    "opening:criterion_edit": "<opening_criterion>",
}
# The school's objects, as the kita's contact person would try them.
OTHER = {
    "opening:process_detail": "<opening_school_process>",
    "opening:self_check_create": "<opening_school_process>",
    "opening:evidence_upload": "<opening_school_process>",
    "opening:session_create": "<opening_school_process>",
    "opening:audit_record": "<opening_school_process>",
    "opening:measure_done": "<opening_school_measure>",
    "opening:self_check_detail": "<opening_school_self_check>",
    "opening:evidence_download": "<opening_school_evidence>",
    "opening:evidence_check": "<opening_school_evidence>",
    "opening:certificate_pdf": "<opening_certificate>",
}


def _url(name: str, key: str | None, world: dict[str, Any]) -> str:
    return reverse(name, kwargs={"pk": world[key]} if key else {})


@pytest.fixture
def world(users_by_role: dict[str, Any]) -> dict[str, Any]:
    return opening_world(users_by_role[Role.INTEGRATION_COORDINATOR.value])


def test_contact_sees_own_institution_only(world: dict[str, Any]) -> None:
    contact = world["kita_contact"]
    assert not contact.memberships.exists() and not contact.needs_second_factor
    client = signed_in_client(contact)
    for name, key in OWN_PAGES.items():
        assert client.get(_url(name, key, world)).status_code == 200, name
    for name, key in COACH_PAGES.items():
        assert client.get(_url(name, key, world)).status_code == 403, name
    for name, key in KEEPER_PAGES.items():
        assert client.get(_url(name, key, world)).status_code == 403, name
    for name, key in OTHER.items():
        assert client.get(_url(name, key, world)).status_code == 404, name
    # the overview leads straight to the one process of the institution
    response = client.get(reverse("opening:overview"))
    assert response.status_code == 302
    assert response.url == _url("opening:process_detail", "<opening_process>", world)


def test_contact_cannot_post_into_another_institution(world: dict[str, Any]) -> None:
    from teilhabe.opening.models import SelfCheck

    client = signed_in_client(world["kita_contact"])
    before = SelfCheck.objects.count()
    url = _url("opening:self_check_create", "<opening_school_process>", world)
    assert client.post(url, {"date": "2025-03-01"}).status_code == 404
    assert SelfCheck.objects.count() == before


def test_contact_of_the_certified_school_opens_its_certificate(world: dict[str, Any]) -> None:
    client = signed_in_client(world["school_contact"])
    response = client.get(_url("opening:certificate_pdf", "<opening_certificate>", world))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    # and the school's process, not the kita's
    kita = _url("opening:process_detail", "<opening_process>", world)
    assert client.get(kita).status_code == 404


def test_contact_finds_the_entry_on_the_start_page(world: dict[str, Any]) -> None:
    client = signed_in_client(world["kita_contact"])
    page = client.get(reverse("core:dashboard")).content.decode()
    process = _url("opening:process_detail", "<opening_process>", world)
    assert f'href="{process}"' in page
    assert f'href="{reverse("opening:overview")}"' in page  # the navigation entry
    assert "Kita Regenbogen" in page and "Grundschule am Park" not in page
    # no "no role yet, your administrator assigns roles": the contact needs none
    assert "Meine Rollen" not in page and "Noch keine Rolle" not in page


def test_inactive_contact_loses_the_institution(world: dict[str, Any]) -> None:
    contact = world["kita_contact"]
    contact.is_active = False
    contact.save()
    assert not contact.has_perm("opening.take_part")


def test_named_coach_coaches_that_process_only(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    coach = users_by_role[Role.TEAM_LEAD.value]
    process = Process.objects.get(pk=world["<opening_process>"])
    process.coach = coach
    process.save()
    client = signed_in_client(coach)
    for name, key in {**OWN_PAGES, **COACH_PAGES}.items():
        assert client.get(_url(name, key, world)).status_code == 200, name
    for name, key in KEEPER_PAGES.items():
        assert client.get(_url(name, key, world)).status_code == 403, name
    for name, key in OTHER.items():
        assert client.get(_url(name, key, world)).status_code == 404, name


def test_other_roles_see_nothing(world: dict[str, Any], users_by_role: dict[str, Any]) -> None:
    for role, user in users_by_role.items():
        if role == Role.INTEGRATION_COORDINATOR.value:
            continue
        client = signed_in_client(user)
        url = _url("opening:process_detail", "<opening_process>", world)
        assert client.get(url).status_code == 403, role


def test_a_second_contact_sign_in_needs_a_free_user_name(world: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError

    process = Process.objects.get(pk=world["<opening_process>"])
    with pytest.raises(ValidationError, match="taken"):
        services.create_contact(
            process.actor, username="KITA_kontakt", first_name="A", last_name="B"
        )
