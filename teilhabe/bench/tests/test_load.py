"""The load test's preparation gives locust what a signed-in counsellor has after login
and TOTP step (and nothing more), its session entry is accepted with the CSRF cookie as
header, and locust's CSV is read with every failure counted."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.bench import load
from teilhabe.casework.importer.service import import_casework
from teilhabe.casework.models import Case, Session
from teilhabe.demo.casework_data import Plan, write
from teilhabe.organisations.models import Area
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixtures(tmp_path: Path) -> dict[str, Any]:
    organisation = create_organisation("bench", "Grossstadt", ["MBE", "JMD", "IKB", "KIM"])
    districts = ["Altstadt", "Nordstadt"]
    for number, name in enumerate(districts):
        Area.objects.create(code=f"GS-{number}", name=name)
    write(
        Plan(120, {"MBE": 0.4, "JMD": 0.3, "IKB": 0.1, "KIM": 0.2}, districts, 2024, 2025, 3),
        tmp_path,
    )
    import_casework(tmp_path, organisation)
    lead = User.objects.create(username="bench-lead")
    add_membership(lead, organisation, Role.TEAM_LEAD)
    return load.prepare(2)


def _client(session: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.cookies["sessionid"] = session
    return client


def test_counsellors_are_signed_in_with_second_factor_and_see_their_cases_only(fixtures):
    first, second = fixtures["counsellors"]
    assert first["cases"] and second["cases"] and first["searches"]
    assert not set(first["cases"]) & set(second["cases"])
    mine = Case.objects.get(pk=first["cases"][0])
    assert mine.responsible.username == first["username"] and mine.closed_on is None
    client = _client(first["session"])
    case_url = fixtures["urls"]["case"].replace("/0/", f"/{mine.pk}/")
    assert client.get(case_url).status_code == 200
    other = fixtures["urls"]["case"].replace("/0/", f"/{second['cases'][0]}/")
    assert client.get(other).status_code == 404
    search = client.get(fixtures["urls"]["search"] + first["searches"][0])
    assert search.status_code == 200

    # the same session without the confirmed device: sent to the TOTP step
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore(session_key=first["session"])
    del store[DEVICE_ID_SESSION_KEY]
    store.save()
    response = client.get(case_url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))


def test_session_entry_with_the_csrf_cookie_as_header_is_recorded(fixtures):
    counsellor = fixtures["counsellors"][0]
    case = counsellor["cases"][0]
    client = _client(counsellor["session"])
    client.get(fixtures["urls"]["case"].replace("/0/", f"/{case}/"))  # sets the CSRF cookie
    token = client.cookies[fixtures["csrf_cookie"]].value
    before = Session.objects.filter(case_id=case).count()
    url = fixtures["urls"]["session"].replace("/0/", f"/{case}/")
    data = {
        "date": "2026-11-30",
        "duration_minutes": "45",
        "form": "telefon",
        "topics": ["arbeit", "sprache"],
        "notes": "Lasttest",
    }
    assert client.post(url, data).status_code == 403  # no token: refused
    response = client.post(url, data, HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302 and response["Location"].endswith(f"/{case}/?teil=verlauf")
    assert Session.objects.filter(case_id=case).count() == before + 1


def test_team_lead_opens_the_annual_report(fixtures):
    response = _client(fixtures["team_lead"]["session"]).get(fixtures["urls"]["report"])
    assert response.status_code == 200
    assert response.context["resolved"].report is not None


def _entry(name: str, method: str, times: dict[int, int], failures: int = 0) -> dict[str, Any]:
    return {
        "name": name,
        "method": method,
        "start_time": 1000.0,
        "last_request_timestamp": 1100.0,
        "num_requests": sum(times.values()),
        "num_none_requests": 0,
        "num_failures": failures,
        "total_response_time": 0,
        "max_response_time": max(times) + 0.4,
        "min_response_time": min(times),
        "total_content_length": 0,
        "response_times": {str(k): v for k, v in times.items()},
        "num_reqs_per_sec": {},
        "num_fail_per_sec": {},
    }


FAILURES = """Method,Name,Error,Occurrences
POST,session entry (POST),"CatchResponseError('403 ')",3
"""


def test_read_stats_computes_throughput_percentiles_and_counts_every_failure(tmp_path):
    prefix = tmp_path / "sqlite-load"
    # 100 case pages: 90 at 40 ms, 5 at 95 ms, 5 at 380 ms; 20 sessions entered
    pages = _entry("case page", "GET", {40: 90, 95: 5, 380: 5})
    posts = _entry("session entry (POST)", "POST", {60: 19, 130: 1})
    Path(f"{prefix}.json").write_text(json.dumps([posts, pages]))
    Path(f"{prefix}_failures.csv").write_text("Method,Name,Error,Occurrences\n")
    result = load.read_stats(prefix) | {"locust_exit": 0}
    assert list(result["kinds"]) == ["case page", "session entry (POST)", "all"]
    assert result["kinds"]["case page"] == {
        "requests": 100,
        "failures": 0,
        "per_second": 1.0,
        "median_ms": 40,
        "p95_ms": 95,
        "max_ms": 380,
    }
    # all 120: 90 at 40, 19 at 60, 5 at 95, 1 at 130, 5 at 380 ms; the 114th is at 95 ms
    assert result["kinds"]["all"] | {"max_ms": 0} == {
        "requests": 120,
        "failures": 0,
        "per_second": 1.2,
        "median_ms": 40,
        "p95_ms": 95,
        "max_ms": 0,
    }
    assert not load.failed(result)
    assert load.failed(result | {"locust_exit": 1})

    Path(f"{prefix}.json").write_text(
        json.dumps([pages, _entry("session entry (POST)", "POST", {60: 20}, 3)])
    )
    Path(f"{prefix}_failures.csv").write_text(FAILURES)
    result = load.read_stats(prefix) | {"locust_exit": 0}
    assert result["kinds"]["all"]["failures"] == 3
    assert result["errors"] == ["POST session entry (POST): CatchResponseError('403 ') (3x)"]
    assert load.failed(result)
