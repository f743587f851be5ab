"""The read-only API against its own OpenAPI schema (issue 9, item 10): schemathesis
generates requests from the schema, valid ones and ones that break it, and sends them
with a counsellor's personal API key through Django's WSGI handler. No request may end
in a server error, and every answer must match the schema (status, content type, body).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
)

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import case_world
from teilhabe.api.api import api
from teilhabe.api.services import issue_token

pytestmark = pytest.mark.django_db

# Small, so that the test stays well under a minute; the crawl of
# core/tests/test_hostile_input.py sends the known hostile values on top.
MAX_EXAMPLES = 25  # per operation and mode


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """Django's real handler, in this test's transaction: like the test client, it must
    not close the connection at the end of each request (that would end the test's
    transaction and lose its records)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_the_api_keeps_its_schema_and_never_fails(
    mode: GenerationMode,
    users_by_role: dict[str, Any],
    wsgi_app: WSGIHandler,
) -> None:
    counsellor = users_by_role[Role.COUNSELLOR.value]
    case_world(counsellor)  # a client with a case, so that the answers carry records
    key = issue_token(counsellor, "schemathesis")[1]
    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    schema.app = wsgi_app
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    if mode == GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)
    sent: list[int] = []

    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def exchange(data: st.DataObject) -> None:
        case = data.draw(strategy)
        response = case.call(headers={"Host": "localhost"})
        sent.append(response.status_code)
        case.validate_response(response, checks=checks)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 4  # clients, client, cases, case
    for operation in operations:
        strategy = operation.as_strategy(
            generation_mode=mode, headers={"Authorization": f"Bearer {key}"}
        )
        exchange()
    assert sent and all(status < 500 for status in sent)
    if mode == GenerationMode.POSITIVE:
        assert 200 in sent  # the key works: the checks saw real answers, not refusals
