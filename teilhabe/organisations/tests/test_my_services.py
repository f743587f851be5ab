"""The "My services" panel lists the services the user's memberships cover (issue 10:
it listed all seven services of the organisation for a counsellor of one)."""

from __future__ import annotations

import pytest

from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.conftest import make_user
from teilhabe.organisations.dashboard import my_services
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


def codes(user: object) -> list[str]:
    panel = my_services(user)
    assert panel is not None
    return [service.code for service in panel.context["services"]]


def test_a_membership_with_services_shows_only_those(provider: Organisation) -> None:
    # provider offers MBE, JMD and IKB
    user = make_user("anna")
    add_membership(user, provider, Role.COUNSELLOR, [Service.objects.get(code="MBE")])
    assert codes(user) == ["MBE"]


def test_a_membership_without_services_shows_every_service_of_the_organisation(
    provider: Organisation,
) -> None:
    user = make_user("ben", provider, Role.COUNSELLOR)
    assert codes(user) == ["IKB", "JMD", "MBE"]


def test_several_memberships_show_the_union_once(provider: Organisation) -> None:
    caritas = create_organisation("caritas", "Caritas Teststadt", ["MBE", "QM", "SKM"])
    create_organisation("awo", "AWO Teststadt", ["HIPPY"])  # where the user has no role
    user = make_user("carla")
    add_membership(user, provider, Role.COUNSELLOR, [Service.objects.get(code="JMD")])
    add_membership(user, provider, Role.TEAM_LEAD, [Service.objects.get(code="MBE")])
    add_membership(user, caritas, Role.COUNSELLOR)
    assert codes(user) == ["JMD", "MBE", "QM", "SKM"]
