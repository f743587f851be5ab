"""Settings, headers, health check, error pages, default-deny, German literals."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.checks import run_checks
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse

from teilhabe import urls as main_urls
from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.core.jobs import ensure_schedules, heartbeat

ROOT = Path(__file__).resolve().parents[2]


def _check_ids() -> set[str]:
    return {message.id for message in run_checks(include_deployment_checks=True)}


@override_settings(DEBUG=True, ALLOWED_HOSTS=["teilhabe.stadt.example"])
def test_debug_on_a_public_host_is_an_error() -> None:
    assert "teilhabe.E001" in _check_ids()


@override_settings(DEMO_MODE=True, HTTPS=False, ALLOWED_HOSTS=["teilhabe.stadt.example"])
def test_demo_mode_or_plain_http_on_a_public_host_is_an_error() -> None:
    assert {"teilhabe.E002", "teilhabe.E003"} <= _check_ids()


def test_safe_defaults_raise_no_teilhabe_error() -> None:
    assert not {i for i in _check_ids() if i.startswith("teilhabe.E")}


@pytest.mark.django_db
def test_security_headers() -> None:
    response = Client().get(reverse("accounts:login"))
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_foreign_keys() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1


@pytest.mark.django_db
def test_health_check_reports_database_and_worker() -> None:
    body = Client().get(reverse("core:health")).json()
    assert body["database"] == "ok" and body["worker"]["last_seen"] is None
    ensure_schedules()
    heartbeat()
    assert Client().get(reverse("core:health")).json()["worker"]["seconds_ago"] <= 1


@pytest.mark.django_db
def test_error_pages_are_german(users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.COUNSELLOR.value])
    missing = client.get("/gibt-es-nicht/", HTTP_ACCEPT_LANGUAGE="de")
    assert missing.status_code == 404
    assert "Seite nicht gefunden" in missing.content.decode()
    denied = client.get(reverse("audit:log"), HTTP_ACCEPT_LANGUAGE="de")
    assert denied.status_code == 403
    assert "Zugriff verweigert" in denied.content.decode()


def undeclared_view(request: Any) -> HttpResponse:
    return HttpResponse("secret")


urlpatterns = [path("undeclared/", undeclared_view), *main_urls.urlpatterns]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_a_view_without_access_declaration_is_refused(users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.ADMINISTRATOR.value])
    assert client.get("/undeclared/").status_code == 403
    assert Client().get("/undeclared/").status_code == 403


def test_no_german_literals_in_python() -> None:
    """UI strings are English msgids; German lives in the .po file (and in data files)."""
    umlaut = re.compile(r"[äöüÄÖÜß]")
    offenders = []
    for source in (ROOT / "teilhabe").rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts or source.name == "conftest.py":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if umlaut.search(code) and not code.strip().startswith(('"""', "'''")):
                offenders.append(f"{source.relative_to(ROOT)}:{number}")
    assert offenders == []
