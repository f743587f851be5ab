from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.organisations.models import Organisation, Service


@pytest.fixture
def counsellor(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.COUNSELLOR.value]


@pytest.fixture
def lead(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.TEAM_LEAD.value]


@pytest.fixture
def case(provider: Organisation, counsellor: Any) -> Case:
    client = Person.objects.create(
        organisation=provider, first_name="Olena", last_name="Kovalenko", address="Hauptstr. 1"
    )
    return services.open_case(
        client=client,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=datetime.date(2024, 1, 1),
        access_route="familie",
        responsible=counsellor,
    )
