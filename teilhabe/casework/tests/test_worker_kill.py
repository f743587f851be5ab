"""kill -9 of the worker in the middle of an import (issue 9, item 11).

The real `teilhabe worker` runs in a process group of its own on a database of its own
(a SQLite file, or a fresh database on the PostgreSQL server of a PostgreSQL run). The
import is killed while it stores; then the database holds none of its rows, and when
the worker starts again it marks the run failed.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

Query = Callable[[str], Any]
ROWS = {"persons": 20_000, "sessions_per_case": 12}


def environment(database_url: str, data_dir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url,
        "TEILHABE_DATA_DIR": str(data_dir),
        "PATH": "/usr/bin:/bin",
        "LANG": "de_DE.UTF-8",
    }


def teilhabe(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "-m", "teilhabe.cli", *args]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, Query]]:
    """A database URL of its own, and a function that runs one query on it."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        name = f"teilhabe_kill_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        own = url.rsplit("/", 1)[0] + f"/{name}"

        def query_pg(sql: str) -> Any:
            with psycopg.connect(own, autocommit=True) as connection:
                return connection.execute(sql).fetchone()

        yield own, query_pg
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        path = tmp_path / "teilhabe.sqlite3"

        def query_sqlite(sql: str) -> Any:
            with sqlite3.connect(path, timeout=30) as connection:
                return connection.execute(sql).fetchone()

        yield f"sqlite:///{path}", query_sqlite


def generate(folder: Path) -> None:
    """A big import: 20,000 persons and cases, 240,000 sessions (a few seconds to store)."""
    folder.mkdir(parents=True)
    persons, per_case = ROWS["persons"], ROWS["sessions_per_case"]
    (folder / "personen.csv").write_text(
        "person_id;geschlecht\n" + "".join(f"P{n};w\n" for n in range(persons))
    )
    (folder / "faelle.csv").write_text(
        "fall_id;person_id;dienst;art;beginn\n"
        + "".join(f"F{n};P{n};MBE;beratung;01.02.2024\n" for n in range(persons))
    )
    (folder / "kontakte.csv").write_text(
        "fall_id;datum;dauer_min\n"
        + "".join(
            f"F{n};{day + 1:02d}.03.2024;30\n" for n in range(persons) for day in range(per_case)
        )
    )


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "teilhabe.cli", "worker"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the cluster and its workers
        )


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.1)


def status(query: Query) -> tuple[str, int]:
    row = query("SELECT status, progress FROM casework_importrun")
    return (row[0], row[1]) if row else ("", 0)


@pytest.mark.slow
def test_kill_9_during_an_import_stores_nothing_and_the_run_fails(
    tmp_path: Path, database: tuple[str, Query]
) -> None:
    url, query = database
    env = environment(url, tmp_path)
    teilhabe(env, "migrate", "-v", "0")
    teilhabe(env, "organisations", "create", "diakonie", "--name", "Diakonie", "--dienste", "MBE")
    upload = tmp_path / "media" / "imports" / "kill"
    generate(upload)
    teilhabe(
        env,
        "shell",
        "-c",
        "from django_q.tasks import async_task\n"
        "from teilhabe.casework.jobs import IMPORT_TASK\n"
        "from teilhabe.casework.models import ImportRun\n"
        "from teilhabe.organisations.models import Organisation\n"
        "run = ImportRun.objects.create(organisation=Organisation.objects.get(slug='diakonie'),"
        f" file_name='kill', path={str(upload)!r}, dry_run=False)\n"
        "async_task(IMPORT_TASK, run.pk)\n",
    )
    log = tmp_path / "worker.log"
    worker = start_worker(env, log)
    try:
        # progress 50: every row is checked, the store's transaction is under way
        wait_for(lambda: status(query) == ("running", 50), 120, "the store to begin")
        time.sleep(1.0)
        assert status(query) == ("running", 50), "the store ended before the kill"
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
    time.sleep(0.5)  # the group's last processes die

    for count in (
        "SELECT COUNT(*) FROM casework_person",
        "SELECT COUNT(*) FROM casework_case",
        "SELECT COUNT(*) FROM casework_session",
    ):
        assert query(count)[0] == 0, f"{count}: rows of the killed import"
    assert status(query)[0] == "running", "nothing else has touched the run yet"

    # The worker starts again (systemd restarts it) and fails the run of its dead self.
    worker = start_worker(env, log)
    try:
        wait_for(lambda: status(query)[0] == "failed", 60, "the run to be marked failed")
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
    message = query("SELECT problems FROM casework_importrun")[0]
    assert "unterbrochen" in str(message) or "interrupted" in str(message)
    assert not upload.exists(), "the upload (personal data) is deleted"
    assert query("SELECT COUNT(*) FROM casework_person")[0] == 0
