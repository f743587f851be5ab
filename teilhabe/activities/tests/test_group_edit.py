"""Editing a group: its fields and its staff leads are saved together (issue 9, finding 6:
every edit answered 500 and lost the change of leads)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.activities import services
from teilhabe.activities.models import Group
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _post_data(group: Group, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": group.name,
        "place": group.place,
        "attendance_mode": group.attendance_mode,
        "is_active": "on",
        "version": group.version,
        "staff_leads": [user.pk for user in group.staff_leads.all()],
    }
    data.update(changes)
    return data


def test_an_edit_saves_the_fields_and_the_leads(
    users_by_role: dict[str, Any], provider: Organisation
) -> None:
    coordinator = users_by_role[Role.PROGRAMME_COORDINATOR.value]
    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)
    group = services.create_group(
        provider, staff_leads=[coordinator], name="Elterncafé", place="Raum 1"
    )
    client = signed_in_client(coordinator)

    response = client.post(
        reverse("activities:group_edit", kwargs={"pk": group.pk}),
        _post_data(group, name="Elterncafé am Markt", staff_leads=[colleague.pk]),
    )

    assert response.status_code == 302
    assert response.url == reverse("activities:group_detail", kwargs={"pk": group.pk})
    group.refresh_from_db()
    assert group.name == "Elterncafé am Markt" and group.version == 2
    assert list(group.staff_leads.all()) == [colleague]


def test_a_stale_edit_changes_neither_fields_nor_leads(
    users_by_role: dict[str, Any], provider: Organisation
) -> None:
    coordinator = users_by_role[Role.PROGRAMME_COORDINATOR.value]
    colleague = make_user("kollegin", provider, Role.COUNSELLOR.value)
    group = services.create_group(provider, staff_leads=[coordinator], name="Elterncafé")
    stale = _post_data(group, name="Veraltet", staff_leads=[colleague.pk])
    Group.objects.filter(pk=group.pk).update(version=2)

    response = signed_in_client(coordinator).post(
        reverse("activities:group_edit", kwargs={"pk": group.pk}), stale
    )

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    group.refresh_from_db()
    assert group.name == "Elterncafé"
    assert list(group.staff_leads.all()) == [coordinator]
