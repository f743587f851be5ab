"""Runs a command against a throw-away PostgreSQL cluster.

    python scripts/with_postgres.py COMMAND [ARGS...]

initdb into a temporary folder, start the server on a free loopback port (fsync off:
the data is thrown away), run COMMAND with DATABASE_URL pointing at it, then stop the
server and delete the folder. PostgreSQL refuses to run as root; as root the cluster
belongs to the `postgres` system user (or `nobody`).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def postgres_bindir() -> Path:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name)
    )
    if candidates:
        return Path(candidates[-1])
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    sys.exit("PostgreSQL is not installed (apt-get install postgresql).")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bindir = postgres_bindir()
    workdir = Path(tempfile.mkdtemp(prefix="teilhabe-pg-"))
    data, sockets = workdir / "data", workdir / "run"
    sockets.mkdir()
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = "postgres"
        try:
            pwd.getpwnam(owner)
        except KeyError:
            owner = "nobody"
        entry = pwd.getpwnam(owner)
        for path in (workdir, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
        as_user = ["runuser", "-u", owner, "--"]
    port = free_port()
    server = [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-w", "-s"]
    try:
        subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "teilhabe",
             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"],
            check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50"
        )
        subprocess.run(
            [*server, "-o", options, "-l", str(workdir / "server.log"), "start"], check=True
        )
        url = f"postgres://teilhabe@127.0.0.1:{port}/postgres"
        print(f"PostgreSQL ({bindir.parent.name}) on port {port}", flush=True)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(sys.argv[1:], env=env).returncode
    finally:
        subprocess.run([*server, "-m", "immediate", "stop"], check=False)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
