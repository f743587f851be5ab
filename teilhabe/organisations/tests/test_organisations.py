from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_create_organisation_from_the_command_line() -> None:
    call_command(
        "organisations", "create", "awo", "--name", "AWO Teststadt", "--dienste", "MBE,ikb,JMD"
    )
    organisation = Organisation.objects.get(slug="awo")
    assert sorted(s.code for s in organisation.services.all()) == ["IKB", "JMD", "MBE"]


def test_existing_or_unknown_service_exits_with_1() -> None:
    call_command("organisations", "create", "awo", "--name", "AWO", "--dienste", "MBE")
    with pytest.raises(SystemExit) as exists:
        call_command("organisations", "create", "awo", "--name", "AWO", "--dienste", "MBE")
    assert exists.value.code == 1
    with pytest.raises(SystemExit) as unknown:
        call_command("organisations", "create", "drk", "--name", "DRK", "--dienste", "MBE,XYZ")
    assert unknown.value.code == 1
    assert not Organisation.objects.filter(slug="drk").exists()


def test_concurrent_edit_is_detected_and_keeps_the_input(users_by_role: dict[str, Any]) -> None:
    admin = signed_in_client(users_by_role[Role.ADMINISTRATOR.value])
    url = reverse("organisations:edit", kwargs={"slug": "diakonie"})
    loaded = Organisation.objects.get(slug="diakonie")
    form = {
        "name": "Diakonie Neu",
        "kind": "provider",
        "version": loaded.version,
        "is_active": "on",
    }
    # Somebody else saves first.
    other = {**form, "name": "Diakonie von nebenan"}
    assert admin.post(url, other).status_code == 302
    response = admin.post(url, form)
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Datensatz gespeichert" in response.content.decode()
    assert 'value="Diakonie Neu"' in response.content.decode()  # what the user typed stays
    assert Organisation.objects.get(slug="diakonie").name == "Diakonie von nebenan"


def test_members_visible_only_to_own_organisation_and_admin(users_by_role: dict[str, Any]) -> None:
    url = reverse("organisations:detail", kwargs={"slug": "diakonie"})
    own = signed_in_client(users_by_role[Role.COUNSELLOR.value]).get(url).content.decode()
    foreign = signed_in_client(users_by_role[Role.STATISTICS.value]).get(url).content.decode()
    assert "Team_Lead Test" in own
    assert "Team_Lead Test" not in foreign
