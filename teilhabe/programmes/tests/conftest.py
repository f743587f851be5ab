from __future__ import annotations

import pytest

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user
from teilhabe.organisations.models import Organisation
from teilhabe.programmes.models import Programme
from teilhabe.programmes.tests.world import programme_of


@pytest.fixture
def hippy(provider: Organisation) -> Programme:
    return programme_of(provider, "HIPPY", "HIPPY")


@pytest.fixture
def edu(provider: Organisation) -> Programme:
    return programme_of(provider, "EDU", "E:DU")


@pytest.fixture
def coordinator(provider: Organisation) -> User:
    return make_user("koordination", provider, Role.PROGRAMME_COORDINATOR)
