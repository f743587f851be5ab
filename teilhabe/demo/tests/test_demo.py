from __future__ import annotations

import pytest
from django.core.management import call_command

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.organisations.models import Area, Organisation

pytestmark = pytest.mark.django_db


def test_demo_city_has_districts_providers_and_a_user_for_every_role(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo")
    city = Area.objects.get(level=0)
    assert city.name == "Musterstadt"
    assert Area.objects.filter(level=1).count() == 10
    diakonie = Organisation.objects.get(slug="diakonie")
    assert {"MBE", "JMD", "IKB", "SAB", "HIPPY"} <= set(
        diakonie.services.values_list("code", flat=True)
    )
    assert {"QM", "SKM"} <= set(
        Organisation.objects.get(slug="caritas").services.values_list("code", flat=True)
    )
    # every role has a demo user; the contact persons of institutions (opening) hold none
    roles = set(
        User.objects.filter(memberships__isnull=False).values_list("memberships__role", flat=True)
    )
    assert roles == {role.value for role in Role}
    without_role = User.objects.filter(memberships__isnull=True)
    assert {"kita", "schule-westhagen"} <= set(without_role.values_list("username", flat=True))
    printed = capsys.readouterr().out
    assert "Musterstadt-2026" in printed and "datenschutz" in printed


def test_if_empty_leaves_a_loaded_city_alone() -> None:
    call_command("demo")
    call_command("demo", "--if-empty")
    assert Organisation.objects.filter(slug="diakonie").count() == 1
    with pytest.raises(SystemExit):
        call_command("demo")
