"""Everybody who sees a group in the calendar opens its page (issue 10: the JMD
counsellor and the volunteer coordinator got 403); names of participants and volunteers
and the recording links stay with those who manage groups."""

from __future__ import annotations

import pytest
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.activities.models import Group, Participant
from teilhabe.activities.tests.world import activities_world
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_id(provider: Organisation, users_by_role: dict[str, User]) -> int:
    world = activities_world(provider, users_by_role[Role.COUNSELLOR.value])
    group = Group.objects.get(pk=world["<group>"])
    group.members.add(
        Participant.objects.create(organisation=provider, first_name="Ayla", last_name="Demir")
    )
    return group.pk


def test_calendar_roles_read_the_group_without_names(
    group_id: int, provider: Organisation, users_by_role: dict[str, User]
) -> None:
    jmd = make_user("jmd_beraterin")
    add_membership(jmd, provider, Role.COUNSELLOR, [Service.objects.get(code="JMD")])
    url = reverse("activities:group_detail", kwargs={"pk": group_id})
    for user in (jmd, users_by_role[Role.VOLUNTEER_COORDINATOR.value]):
        page = signed_in_client(user).get(url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Seniorentreff Matrix" in html and "Integrationszentrum, Raum 1" in html
        assert "Ayla" not in html and "Vera" not in html  # participant and volunteer lead
        assert reverse("activities:group_edit", kwargs={"pk": group_id}) not in html
        assert reverse("activities:meeting_create", kwargs={"pk": group_id}) not in html
    manager = signed_in_client(users_by_role[Role.PROGRAMME_COORDINATOR.value]).get(url)
    html = manager.content.decode()
    assert "Ayla" in html and reverse("activities:group_edit", kwargs={"pk": group_id}) in html


def test_the_calendar_links_the_group_for_readers(
    group_id: int, provider: Organisation, users_by_role: dict[str, User]
) -> None:
    page = signed_in_client(users_by_role[Role.COUNSELLOR.value]).get(
        reverse("activities:calendar"), {"monat": "2024-01"}
    )
    assert reverse("activities:group_detail", kwargs={"pk": group_id}) in page.content.decode()


def test_another_organisation_gets_404(group_id: int) -> None:
    other = create_organisation("caritas", "Caritas", ["MBE"])
    stranger = make_user("fremd", other, Role.COUNSELLOR)
    url = reverse("activities:group_detail", kwargs={"pk": group_id})
    assert signed_in_client(stranger).get(url).status_code == 404
