"""`kill -9` of the web server in the middle of a year closing.

The test runs the real server (`teilhabe serve`, gunicorn) on a database of the engine
under test, signs a team lead in with a session stored in the database, posts the closing
form, catches the server inside its transaction and kills the whole process group with
SIGKILL. The database must then be consistent: the year closed with all its figures and
its audit entry, or not closed at all, and a second closing through a new server works.

Where the server is caught:
- SQLite: while it holds the database's write lock (IMMEDIATE transactions take it at
  the start of `close_year`, before the figures are computed); the test sees the lock by
  failing to take it itself.
- PostgreSQL, "inserting": the test holds a SHARE lock on the audit log table, so the
  server waits on the audit entry of the new FrozenReport, its row already inserted.
- PostgreSQL, "committing": the test holds the content type row of FrozenReport, so the
  server waits at COMMIT on the deferred foreign-key check of that audit entry; the
  COMMIT has been sent, so PostgreSQL completes it after the kill: closed, and whole.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from teilhabe.core.tests.scratch import ENGINE, environment, run, scratch_databases, shell

WORLD = "teilhabe.core.tests.fault_world"
PAUSES = {"sqlite": ["computing"], "postgresql": ["inserting", "committing"]}[ENGINE]
CLOSING = "/berichte/jahresabschluss/"


class Server:
    """`teilhabe serve` with one worker, in its own process group."""

    def __init__(self, url: str, data_dir: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.base = f"http://127.0.0.1:{self.port}"
        log = (data_dir / f"server-{self.port}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "teilhabe.cli", "serve", "--host", "127.0.0.1",
             "--port", str(self.port), "--workers", "1"],
            env=environment(url, data_dir), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.base}/health/", timeout=30).status_code == 200:
                    return
            except requests.RequestException:  # not listening yet, or still loading
                time.sleep(0.2)
        self.kill()
        raise AssertionError("the server did not start")

    def kill(self) -> None:
        """SIGKILL to gunicorn's master and worker at once, as a crash would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def signed_in(self, session_key: str) -> tuple[requests.Session, str]:
        """A browser session with the team lead's cookie, and the form's CSRF token."""
        browser = requests.Session()
        browser.cookies.set("sessionid", session_key)
        page = browser.get(f"{self.base}{CLOSING}", timeout=30)
        assert page.status_code == 200, page.status_code
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token is not None
        return browser, token.group(1)

    def close(self, browser: requests.Session, token: str, year: int) -> requests.Response:
        data = {"csrfmiddlewaretoken": token, "organisation": "diakonie",
                "dienst": ["JMD", "MBE"], "art": "", "jahr": str(year)}  # fmt: skip
        return browser.post(
            f"{self.base}{CLOSING}schliessen/", data=data, timeout=120, allow_redirects=False
        )


@pytest.fixture
def installation(tmp_path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    with scratch_databases(tmp_path, 1) as (url,):
        run(url, tmp_path, "migrate", "-v", "0")
        shell(url, tmp_path, WORLD, f"setup({str(tmp_path / 'world.json')!r})")
        yield url, json.loads((tmp_path / "world.json").read_text())


def state(url: str, data_dir: Path) -> dict[str, Any]:
    shell(url, data_dir, WORLD, f"state({str(data_dir / 'state.json')!r})")
    return json.loads((data_dir / "state.json").read_text())


def wait_in_sqlite(database: Path, request: threading.Thread) -> None:
    """Returns once the server holds the write lock, i.e. is inside `close_year`."""
    probe = sqlite3.connect(database, timeout=0, isolation_level=None)
    try:
        while request.is_alive():
            try:
                probe.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # "database is locked": the server writes
                return
            probe.execute("ROLLBACK")
            time.sleep(0.003)
    finally:
        probe.close()
    raise AssertionError("the closing ended before the server was caught inside it")


def backend_waiting(watch: Any, statement: str) -> int | None:
    row = watch.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND query LIKE %s",
        [f"{statement}%"],
    ).fetchone()
    return int(row[0]) if row else None


def kill_in_postgres(url: str, pause: str, server: Server, request: threading.Thread) -> None:
    import psycopg

    with psycopg.connect(url) as holder, psycopg.connect(url, autocommit=True) as watch:
        if pause == "inserting":
            holder.execute("LOCK TABLE auditlog_logentry IN SHARE MODE")
            statement = 'INSERT INTO "auditlog_logentry"'
        else:
            holder.execute(
                "SELECT id FROM django_content_type"
                " WHERE app_label = 'reports' AND model = 'frozenreport' FOR UPDATE"
            )
            statement = "COMMIT"
        deadline = time.monotonic() + 60
        while (pid := backend_waiting(watch, statement)) is None:
            assert request.is_alive() and time.monotonic() < deadline, "server not caught"
            time.sleep(0.01)
        # The FrozenReport row is written in the server's open transaction.
        inserted = watch.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
            " WHERE l.pid = %s AND c.relname = 'reports_frozenreport'"
            " AND l.mode = 'RowExclusiveLock'",
            [pid],
        ).fetchone()
        assert inserted == (1,)
        server.kill()
        holder.rollback()  # lets the orphaned backend go on: it finds its client gone
        deadline = time.monotonic() + 60
        while watch.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone():
            assert time.monotonic() < deadline, "the server's backend did not end"
            time.sleep(0.05)


@pytest.mark.slow
@pytest.mark.parametrize("pause", PAUSES)
def test_kill_9_during_a_year_closing_leaves_a_consistent_database(
    tmp_path: Path, installation: tuple[str, dict[str, Any]], pause: str
) -> None:
    url, world = installation
    server = Server(url, tmp_path)
    try:
        browser, token = server.signed_in(world["session"])
        outcome: list[Any] = []
        request = threading.Thread(
            target=lambda: outcome.append(_post(server, browser, token, world["year"]))
        )
        request.start()
        if ENGINE == "sqlite":
            wait_in_sqlite(Path(url.removeprefix("sqlite:///")), request)
            server.kill()
        else:
            kill_in_postgres(url, pause, server, request)
        request.join(timeout=60)
        assert outcome and isinstance(outcome[0], requests.ConnectionError)  # no answer came
    finally:
        server.kill()

    if ENGINE == "sqlite":
        with sqlite3.connect(url.removeprefix("sqlite:///")) as database:
            assert database.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    after_kill = state(url, tmp_path)
    if pause == "committing":  # the COMMIT had reached PostgreSQL: closed, and whole
        assert [r["figures_complete"] for r in after_kill["reports"]] == [True]
        assert after_kill["audit"] == [[str(after_kill["reports"][0]["pk"]), 0]]
    else:  # killed before the COMMIT: nothing of the closing is left
        assert after_kill == {"reports": [], "audit": []}

    # A new server: closing the year (again) works, and there is exactly one closed year.
    server = Server(url, tmp_path)
    try:
        browser, token = server.signed_in(world["session"])
        answer = server.close(browser, token, world["year"])
        assert answer.status_code == 302, answer.status_code
    finally:
        server.kill()
    closed = state(url, tmp_path)
    assert len(closed["reports"]) == 1
    report = closed["reports"][0]
    assert report["open"] and report["figures_complete"] and report["frozen_by"] == "leitung"
    assert report["scope"] == ["JMD,MBE", "", world["year"]]
    assert report["city_counts"] == ["JMD", "MBE"]
    assert closed["audit"] == [[str(report["pk"]), 0]]


def _post(server: Server, browser: requests.Session, token: str, year: int) -> Any:
    try:
        return server.close(browser, token, year)
    except requests.ConnectionError as error:
        return error
