"""The audit log records an address nobody can forge, and pages with personal data are
not kept by browsers or proxies (ASVS 7.1.4, 8.2.1)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory
from django.urls import reverse

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.core.middleware import AuditMiddleware, client_address

FORGED: dict[str, Any] = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 10.0.0.5", "REMOTE_ADDR": "10.0.0.9"}


def test_forwarded_for_is_ignored_without_a_proxy(settings: Any) -> None:
    settings.BEHIND_PROXY = False
    request = RequestFactory().get("/", **FORGED, HTTP_X_FORWARDED_PORT="4444")
    assert client_address(request) == "10.0.0.9"
    assert AuditMiddleware._get_remote_addr(request) == "10.0.0.9"
    assert AuditMiddleware._get_remote_port(request) is None


def test_behind_the_proxy_its_own_entry_counts(settings: Any) -> None:
    settings.BEHIND_PROXY = True
    request = RequestFactory().get("/", **FORGED)
    assert client_address(request) == "10.0.0.5"  # the hop our proxy appended, not 6.6.6.6


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored(users_by_role: dict[str, User]) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    response = client.get(reverse("casework:client_list"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
