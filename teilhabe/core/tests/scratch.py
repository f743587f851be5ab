"""Throw-away installations for tests that run the console script and the server in
subprocesses: empty databases of the engine under test (SQLite files, or databases in
the PostgreSQL cluster of scripts/with_postgres.py named by DATABASE_URL) and a way to
call `teilhabe` against them."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ENGINE = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


@contextlib.contextmanager
def scratch_databases(folder: Path, count: int) -> Iterator[list[str]]:
    """The URLs of `count` new, empty databases; PostgreSQL's are dropped afterwards."""
    if ENGINE == "sqlite":
        yield [f"sqlite:///{folder / f'db{n}.sqlite3'}" for n in range(count)]
        return
    import psycopg

    url = os.environ["DATABASE_URL"]
    names = [f"teilhabe_scratch_{uuid.uuid4().hex[:12]}" for _ in range(count)]
    with psycopg.connect(url, autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield [urlunsplit(urlsplit(url)._replace(path=f"/{name}")) for name in names]
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(url: str, data_dir: Path) -> dict[str, str]:
    return {
        "DATABASE_URL": url,
        "TEILHABE_DATA_DIR": str(data_dir),
        # The demo city's settings: signed in without a second factor, over plain HTTP.
        "TEILHABE_DEMO_MODE": "1",
        "TEILHABE_HTTPS": "0",
        "PATH": "/usr/bin:/bin",
    }


def teilhabe(url: str, data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "teilhabe.cli", *args]
    env = environment(url, data_dir)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def run(url: str, data_dir: Path, *args: str) -> None:
    result = teilhabe(url, data_dir, *args)
    assert result.returncode == 0, f"teilhabe {' '.join(args)}:\n{result.stderr[-3000:]}"


def shell(url: str, data_dir: Path, module: str, call: str) -> None:
    """Runs `call` (a call of a function of `module`) in `teilhabe shell`."""
    run(url, data_dir, "shell", "-v", "0", "-c", f"from {module} import *; {call}")
