"""locust users of the load test (teilhabe/bench/load.py starts locust with this file).

Signed-in sessions come from the JSON file named by TEILHABE_LOAD_FIXTURES. Every
request is checked: a page must answer 200 (a redirect to the login page or the second
factor would be a failure, so redirects are not followed), a recorded session 302 back
to its case page. Only the loopback interface is allowed as target.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import string
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from locust import HttpUser, constant, constant_pacing, events, task
from locust.env import Environment

FIXTURES: dict[str, Any] = json.loads(
    Path(os.environ["TEILHABE_LOAD_FIXTURES"]).read_text(encoding="utf-8")
)
URLS: dict[str, str] = FIXTURES["urls"]
_next_counsellor = itertools.count()


@events.init.add_listener
def loopback_only(environment: Environment, **_kwargs: Any) -> None:
    host = urlsplit(environment.host or "").hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"The load test runs on the loopback interface only, not on {host}.")


def _sign_in(user: HttpUser, session: str) -> None:
    host = urlsplit(user.host).hostname or ""
    user.client.cookies.set(FIXTURES["session_cookie"], session, domain=host)


def _get(user: HttpUser, url: str, name: str) -> None:
    with user.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
        if response.status_code != 200:
            response.failure(f"{response.status_code} {response.headers.get('Location', '')}")


class Counsellor(HttpUser):
    """Works through their case load: finds a client, opens a case, records a session."""

    wait_time = constant(0)  # no think time: the server's capacity is what is measured

    def on_start(self) -> None:
        me = FIXTURES["counsellors"][next(_next_counsellor) % len(FIXTURES["counsellors"])]
        self.cases: list[int] = me["cases"]
        self.searches: list[str] = me["searches"]
        _sign_in(self, me["session"])
        # as a browser: the first page with a form sets the CSRF cookie
        _get(self, self._url("case", random.choice(self.cases)), "case page")

    def _url(self, kind: str, case: int) -> str:
        return URLS[kind].replace("/0/", f"/{case}/")

    @task(1)
    def floor(self) -> None:
        """The account page: a signed-in page with nothing to compute, as in the page bench;
        its times under the same load are the floor for the others."""
        _get(self, URLS["floor"], "trivial page (floor)")

    @task(3)
    def search(self) -> None:
        _get(self, URLS["search"] + random.choice(self.searches), "client search")

    @task(3)
    def case_page(self) -> None:
        _get(self, self._url("case", random.choice(self.cases)), "case page")

    @task(1)
    def session_entry(self) -> None:
        case = random.choice(self.cases)
        token = self.client.cookies.get(FIXTURES["csrf_cookie"], "")
        data = {
            "date": date.today().isoformat(),
            "duration_minutes": str(random.choice((15, 30, 45, 60))),
            "form": random.choice(("persoenlich", "telefon", "video")),
            "topics": random.sample(["aufenthalt", "sozialleistungen", "arbeit", "sprache"], 2),
            "notes": "Lasttest " + "".join(random.choices(string.ascii_lowercase, k=40)),
        }
        with self.client.post(
            self._url("session", case),
            data=data,
            headers={"X-CSRFToken": token or ""},
            name="session entry (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302 or not response.headers.get("Location", "").endswith(
                self._url("case", case)
            ):
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")


class TeamLead(HttpUser):
    """Opens the annual report of the biggest service now and then."""

    fixed_count = 1
    wait_time = constant_pacing(20)

    def on_start(self) -> None:
        _sign_in(self, FIXTURES["team_lead"]["session"])

    @task
    def annual_report(self) -> None:
        _get(self, URLS["report"], "annual report")
