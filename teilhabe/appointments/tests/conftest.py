"""A case of a counsellor at the provider, and one at another organisation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.models import Case, Person
from teilhabe.conftest import make_user
from teilhabe.organisations.models import Organisation, Service

OPENED = datetime.date(2025, 1, 6)


def open_case(
    organisation: Organisation, counsellor: Any, name: str = "Kovalenko", service: str = "MBE"
) -> Case:
    client = Person.objects.create(organisation=organisation, first_name="Olena", last_name=name)
    return services.open_case(
        client=client,
        service_id=Service.objects.get(code=service).pk,
        kind="beratung",
        opened_on=OPENED,
        access_route="familie",
        responsible=counsellor,
    )


@pytest.fixture
def counsellor(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.COUNSELLOR.value]


@pytest.fixture
def case(provider: Organisation, counsellor: Any) -> Case:
    return open_case(provider, counsellor)


@pytest.fixture
def foreign_case(city: Organisation) -> Case:
    """A case of the city's case management: another organisation."""
    other = make_user("fremd", city, Role.COUNSELLOR.value)
    return open_case(city, other, name="Fremd", service="KIM")
