"""Shared fixtures: a small world with an organisation and a user for every role."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db.backends.base.creation import BaseDatabaseCreation
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership, create_user
from teilhabe.organisations.catalogue import install_service_catalogue
from teilhabe.organisations.models import Organisation, Service
from teilhabe.organisations.services import create_organisation

PASSWORD = "Richtig-Langes-Passwort-1"  # noqa: S105  (test users only)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test with transaction=True restores the migrated database
    (serialized_rollback) when it starts: a flush without it re-creates the content
    types, and a later serialized test then fails to load them again. The restore comes
    at the start, not the end: a transactional test leaves the tables empty behind it
    (the order below)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)
    # pytest-django has put the tests in Django's order: those in a rolled-back
    # transaction first, then the transactional ones (each leaves the tables flushed,
    # so nothing that expects the migrated rows may follow them), then those without a
    # database. Within that order the long tests (a browser, the console script in
    # subprocesses) go first, so that pytest-xdist, which hands tests out in turn,
    # spreads them over the workers instead of one worker ending the run alone with a
    # five-minute walk. Long tests without the test database can go before everything.
    items.sort(key=_place)


def _place(item: pytest.Item) -> int:
    long = item.get_closest_marker("browser") is not None or (
        item.get_closest_marker("slow") is not None
    )
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    transactional = (marker is not None and bool(marker.kwargs.get("transaction"))) or bool(
        {"transactional_db", "live_server"} & set(fixtures)
    )
    uses_db = marker is not None or transactional or "db" in fixtures
    if not uses_db:
        return 0 if long else 4
    if not transactional:
        return 1
    return 2 if long else 3


_deserialize = BaseDatabaseCreation.deserialize_db_from_string


def _deserialize_into_empty_tables(self: BaseDatabaseCreation, data: str) -> None:
    # A request that a live server thread was still answering when a browser test ended
    # can create content types after the flush; the serialized ones would then clash
    # with them (UNIQUE constraint), and every later test on the worker would fail.
    call_command(
        "flush",
        database=self.connection.alias,
        interactive=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    ContentType.objects.clear_cache()
    _deserialize(self, data)


BaseDatabaseCreation.deserialize_db_from_string = _deserialize_into_empty_tables


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Any) -> None:
    # Argon2 is deliberately slow; tests that check it use the production setting.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def german_by_default() -> Iterator[None]:
    # A command (activate_cli_language) or a request with another Accept-Language
    # leaves its language active in the thread; every test starts with the
    # installation's language, whichever test ran before it on the worker.
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> Iterator[None]:
    """The rate limits of the public forms (core/ratelimit.py) count per address in the
    process-wide cache, and the test client always comes from 127.0.0.1: every test
    starts at zero and leaves nothing for the tests after it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def private_document_folder(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Uploaded documents of a test go to a folder of its own, never into var/.
    settings.DOCUMENT_ROOT = tmp_path_factory.mktemp("dokumente")


@pytest.fixture
def provider(db: None) -> Organisation:
    # a transactional test before this one may have flushed the catalogue the
    # migration installed: install it again (idempotent)
    install_service_catalogue()
    return create_organisation("diakonie", "Diakonie Teststadt", ["MBE", "JMD", "IKB"])


@pytest.fixture
def city(db: None) -> Organisation:
    install_service_catalogue()
    return create_organisation("stadt", "Stadt Teststadt", ["KIM"], Organisation.Kind.CITY_OFFICE)


def make_user(username: str, organisation: Organisation | None = None, role: str = "") -> User:
    user = create_user(
        username=username, first_name=username.title(), last_name="Test", password=PASSWORD
    )
    if organisation and role:
        add_membership(user, organisation, role)
    return user


@pytest.fixture
def users_by_role(provider: Organisation, city: Organisation) -> dict[str, User]:
    """One user per role (providers' roles at the provider, the city's at the city),
    plus "none": a user without any role."""
    city_roles = {
        Role.INTEGRATION_COORDINATOR,
        Role.STATISTICS,
        Role.ADMINISTRATOR,
        Role.DATA_PROTECTION_OFFICER,
    }
    users = {
        role.value: make_user(role.value, city if role in city_roles else provider, role.value)
        for role in Role
    }
    users["none"] = make_user("ohne_rolle")
    return users


def verify_second_factor(client: Client, user: User) -> TOTPDevice:
    """Marks the client's session as having passed the TOTP step with a real device."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def signed_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    return client


@pytest.fixture
def services(db: None) -> dict[str, Service]:
    return {service.code: service for service in Service.objects.all()}
