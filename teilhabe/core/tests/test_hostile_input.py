"""Hostile input on every URL of the role matrix (issue 9, item 10): no value in a query,
a form or a path may make a page answer with a server error.

Every URL of `MATRIX` and `API_MATRIX` (accounts/tests/test_role_matrix.py) is requested
as anonymous and as every role, each time with every query parameter hostile. One role
that may open the page (anonymous for public pages) first sends a plain GET and POST that
record which parameters the view reads (QueryDict accesses); then each parameter read by
the GET gets each hostile value in turn (the others stay valid, so one refusal does not
hide another parameter), every field read by the POST gets each hostile form value at
once, and each numeric path id is replaced by hostile ids. Each request runs in a
savepoint that is rolled back, so every request sees the same records and no request (a
deletion, a logout) changes what the next one sees.
"""

from __future__ import annotations

import contextlib
import copy
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.db import transaction
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import API_MATRIX, MATRIX, PUBLIC, case_world
from teilhabe.conftest import signed_in_client

pytestmark = pytest.mark.django_db

# Values that broke pages before (issue 9, finding 7) and their relatives: out-of-range
# and zero years, Unicode digits that str.isdigit() accepts, impossible dates and months,
# numbers beyond every integer column, NUL (PostgreSQL refuses it in text), long strings.
HOSTILE_VALUES = (
    "99999",
    "0",
    "²",
    "99999999999999999999",
    "9999-12",
    "2026-02-30",
    "\x00",
)
# Sent only in the requests that set every parameter at once (one per role).
MORE_HOSTILE_VALUES = ("-1", "1e400", "30.02.2026", "x" * 3000)
# A form gets one value in every field at once (a field's error does not stop the others).
HOSTILE_FORM_VALUES = ("99999999999999999999", "²", "\x00", "x" * 3000)
HOSTILE_IDS = ("0", "99999999999999999999", "9223372036854775808", "²")

# Parameter names the views read, with harmless values: sent in the recording request so
# that views which read a parameter only when another is present show it too.
KNOWN_PARAMETERS = {
    "jahr": "2024",
    "monat": "2024-05",
    "datum": "2024-05-06",
    "bericht": "1",
    "seite": "2",
    "q": "Olena",
    "dienst": "MBE",
    "status": "open",
    "meine": "1",
    "organisation": "diakonie",
    "einrichtung": "diakonie",
    "ansicht": "liste",
    "art": "alle",
    "limit": "10",
    "offset": "0",
    "geburtsjahr": "1980",
}

SENTINEL_ID = 987654321
_recorded: set[str] | None = None


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collects the keys any QueryDict (request.GET, request.POST) is asked for."""
    global _recorded
    _recorded = set()
    names = ("get", "getlist", "__getitem__", "__contains__")
    own = {name: QueryDict.__dict__.get(name) for name in names}
    inherited = {name: getattr(QueryDict, name) for name in names}

    def wrap(name: str) -> Any:
        def method(self: QueryDict, key: Any, *args: Any, **kwargs: Any) -> Any:
            # a QueryDict being built (mutable) checks each key it adds: not a read
            if _recorded is not None and isinstance(key, str) and not self._mutable:
                _recorded.add(key)
            return inherited[name](self, key, *args, **kwargs)

        return method

    try:
        for name in names:
            setattr(QueryDict, name, wrap(name))
        yield _recorded
    finally:
        for name, original in own.items():
            if original is None:
                delattr(QueryDict, name)
            else:
                setattr(QueryDict, name, original)
        _recorded = None


class Crawler:
    """Sends requests, each in a rolled-back savepoint, and collects the server errors."""

    def __init__(self, clients: dict[str, Client]) -> None:
        self.clients = clients
        self.cookies = {role: copy.deepcopy(client.cookies) for role, client in clients.items()}
        self.failures: list[str] = []
        self.count = 0

    def send(self, role: str, method: str, url: str, data: Any = None) -> int:
        client = self.clients[role]
        client.cookies = copy.deepcopy(self.cookies[role])
        self.count += 1
        savepoint = transaction.savepoint()
        try:
            call = client.post if method == "POST" else client.get
            status = int(call(url, data or {}).status_code)
        except Exception as error:  # the test client re-raises what the view raised
            status = 500
            self.failures.append(f"{role} {method} {url[:160]!r} {_short(data)}: {error!r:.300}")
        else:
            if status >= 500:
                self.failures.append(f"{role} {method} {url[:160]!r} {_short(data)}: {status}")
        finally:
            transaction.savepoint_rollback(savepoint)
        return status


def _short(data: Any) -> str:
    return repr({key: str(value)[:20] for key, value in (data or {}).items()})[:200]


def _concrete(
    name: str, kwargs: dict[str, Any], subject: Any, world: dict[str, Any]
) -> dict[str, Any]:
    concrete: dict[str, Any] = {}
    for key, value in kwargs.items():
        if value == "<user>":
            value = subject.pk
        elif value == "<membership>":
            value = subject.memberships.first().pk
        concrete[key] = world.get(value, value)
    return concrete


def _path_variants(name: str, kwargs: dict[str, Any]) -> Iterator[str]:
    """The URL with each numeric path id, in turn, replaced by each hostile id."""
    for key, value in kwargs.items():
        if not isinstance(value, int):
            continue
        url = reverse(name, kwargs={**kwargs, key: SENTINEL_ID})
        for hostile in HOSTILE_IDS:
            yield url.replace(str(SENTINEL_ID), hostile if "%" in hostile else quote(hostile))
    for key, value in kwargs.items():
        if isinstance(value, str) and not re.fullmatch(r"json|csv|diakonie", value):
            url = reverse(name, kwargs={**kwargs, key: "sentinelvalue"})
            for hostile in ("%00", quote("²" * 300)):
                yield url.replace("sentinelvalue", hostile)


def crawl(crawler: Crawler, name: str, url: str, kwargs: dict[str, Any], allowed: Any) -> None:
    """The page as every role with every parameter hostile at once; then, as one role
    that may open it, each parameter it reads with each hostile value, its form with
    hostile values, and hostile path ids."""
    roles = list(crawler.clients)
    permitted = roles if allowed == PUBLIC else [r for r in roles if r in allowed]
    tester = "anonymous" if allowed == PUBLIC else permitted[0]
    with recording() as read_by_get:
        crawler.send(tester, "GET", url, KNOWN_PARAMETERS)
    with recording() as read_by_post:
        post_status = crawler.send(tester, "POST", url, KNOWN_PARAMETERS)
    names = sorted({*KNOWN_PARAMETERS, *read_by_get})
    every_value = HOSTILE_VALUES + MORE_HOSTILE_VALUES
    for index, role in enumerate(roles):
        hostile = {
            parameter: every_value[(index + offset) % len(every_value)]
            for offset, parameter in enumerate(names)
        }
        crawler.send(role, "GET", url, hostile)
    for parameter in sorted(read_by_get):
        for value in HOSTILE_VALUES:
            crawler.send(tester, "GET", url, {**KNOWN_PARAMETERS, parameter: value})
    if post_status != 405 and read_by_post:
        for value in HOSTILE_FORM_VALUES:
            crawler.send(tester, "POST", url, {parameter: value for parameter in read_by_post})
    for variant in _path_variants(name, kwargs):
        crawler.send(tester, "GET", variant)


@pytest.fixture(autouse=True)
def quiet_request_log() -> Iterator[None]:
    """Thousands of refusals and 404s would each format a traceback into the log."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def world(users_by_role: dict[str, Any]) -> dict[str, Any]:
    return case_world(users_by_role[Role.COUNSELLOR.value])


def _session_clients(users_by_role: dict[str, Any]) -> dict[str, Client]:
    clients = {role: signed_in_client(user) for role, user in users_by_role.items()}
    return {"anonymous": Client(), **clients}


def _chunks() -> list[list[str]]:
    """The page URLs in a few groups (one test each: a failure names its group)."""
    names = sorted(MATRIX)
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(name.split(":")[0], []).append(name)
    return list(groups.values())


@pytest.mark.parametrize("names", _chunks(), ids=lambda names: names[0].split(":")[0])
def test_pages_answer_hostile_input_without_server_error(
    names: list[str], users_by_role: dict[str, Any], world: dict[str, Any]
) -> None:
    crawler = Crawler(_session_clients(users_by_role))
    subject = users_by_role[Role.COUNSELLOR.value]
    for name in names:
        kwargs, allowed = MATRIX[name]
        concrete = _concrete(name, kwargs, subject, world)
        crawl(crawler, name, reverse(name, kwargs=concrete), concrete, allowed)
    assert crawler.count > len(names)
    assert not crawler.failures, "\n".join(crawler.failures)


def test_api_answers_hostile_input_without_server_error(
    users_by_role: dict[str, Any], world: dict[str, Any]
) -> None:
    from teilhabe.api.services import issue_token

    clients = {"anonymous": Client()}
    for role, user in users_by_role.items():
        key = issue_token(user, "hostile")[1]
        clients[role] = Client(headers={"Authorization": f"Bearer {key}"})
    crawler = Crawler(clients)
    subject = users_by_role[Role.COUNSELLOR.value]
    for name, (kwargs, allowed) in sorted(API_MATRIX.items()):
        concrete = _concrete(name, kwargs, subject, world)
        crawl(crawler, name, reverse(name, kwargs=concrete), concrete, allowed)
    assert not crawler.failures, "\n".join(crawler.failures)
