"""The load test of `make bench`: a mixed counsellor workload on `teilhabe serve`.

Runs after the other measurements, on the same database with the big city's data
(docs/performance.md, "Load test"):

1. Counsellors of the bench organisation (one service each, a case load of
   `CASE_LOAD` open cases of which they are the responsible counsellor) and the team
   lead get a signed-in session with a confirmed second factor, created in the database
   as the login form would leave it (password and TOTP code are not what is measured);
   their session cookies, cases and clients' names go to a JSON file for locust.
2. `teilhabe serve` (gunicorn, the production server) starts on 127.0.0.1 with a free
   port, HTTPS off (loopback) and the second factor required.
3. locust (teilhabe/bench/locustfile.py) runs headless, bounded in users and time:
   counsellors search a misspelled client name, open a case and record a session
   (POST); one team lead opens the annual report at a fixed pace.
4. Throughput and response times per request kind are read from locust's CSV; any
   failed request fails the bench.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership
from teilhabe.bench.run import misspell
from teilhabe.casework.models import Case
from teilhabe.organisations.models import Organisation, Service

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
LOCUST = Path(sys.executable).with_name("locust")
# Roughly a full-time counsellor's open cases in a big city's MBE/JMD.
CASE_LOAD = 120
SERVICES = ("MBE", "JMD", "KIM", "IKB")
REPORT_YEAR = 2025  # the last year of the generated data


def signed_in_session(user: User) -> str:
    """A session as login and TOTP step leave it: user, backend, password hash, device."""
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    assert session.session_key is not None
    return session.session_key


def prepare(counsellors: int) -> dict[str, Any]:
    """Counsellors with a case load each, the team lead, their sessions (for locust)."""
    organisation = Organisation.objects.get(slug="bench")
    people = []
    for number in range(counsellors):
        code = SERVICES[number % len(SERVICES)]
        user, _ = User.objects.get_or_create(
            username=f"bench-counsellor-{number}",
            defaults={"first_name": "Bench", "last_name": f"Counsellor {number}"},
        )
        add_membership(user, organisation, Role.COUNSELLOR, [Service.objects.get(code=code)])
        free = Case.objects.filter(
            organisation=organisation,
            service__code=code,
            closed_on__isnull=True,
            responsible__isnull=True,
        ).order_by("pk")
        ids = list(free.values_list("pk", flat=True)[:CASE_LOAD])
        assert ids, f"no open {code} cases for the load test"
        Case.objects.filter(pk__in=ids).update(responsible=user)
        names = Case.objects.filter(pk__in=ids).exclude(client__last_name="")
        people.append(
            {
                "username": user.username,
                "session": signed_in_session(user),
                "cases": ids,
                "searches": sorted(
                    {misspell(name) for name in names.values_list("client__last_name", flat=True)}
                ),
            }
        )
    lead = User.objects.get(username="bench-lead")
    report = reverse("reports:annual") + (
        f"?jahr={REPORT_YEAR}&organisation={organisation.slug}&dienst=MBE&art=alle"
    )
    return {
        "counsellors": people,
        "team_lead": {"username": lead.username, "session": signed_in_session(lead)},
        "urls": {
            "floor": reverse("accounts:profile"),
            "search": reverse("casework:client_list") + "?q=",
            "case": reverse("casework:case_detail", kwargs={"pk": 0}),
            "session": reverse("casework:session_create", kwargs={"pk": 0}),
            "report": report,
        },
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"TEILHABE_DEMO_MODE", "TEILHABE_REQUIRE_2FA", "TEILHABE_DEBUG"}
    }
    # Plain HTTP on the loopback interface; the second factor stays required.
    env.update(TEILHABE_HTTPS="0", TEILHABE_REQUIRE_2FA="1")
    command = [sys.executable, "-m", "teilhabe.cli", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers)]  # fmt: skip
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"teilhabe serve stopped with {server.returncode}; see {log}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
            return server
        except urllib.error.HTTPError:
            return server  # it answers (a redirect to the login page ends here as 302/403)
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise RuntimeError(f"teilhabe serve did not answer within 60 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGTERM)  # gunicorn's graceful stop of its workers
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def percentile(times: dict[int, int], share: float) -> int:
    """Nearest rank: the smallest recorded time that `share` of the requests did not
    exceed (locust records times above 100 ms rounded to two significant digits)."""
    count = sum(times.values())
    seen = 0
    for time_ms in sorted(times):
        seen += times[time_ms]
        if seen >= count * share:
            return time_ms
    return 0


def _kind(entries: list[dict[str, Any]], window: float) -> dict[str, Any]:
    times: dict[int, int] = {}
    for entry in entries:
        for time_ms, count in entry["response_times"].items():
            times[int(time_ms)] = times.get(int(time_ms), 0) + count
    requests = sum(entry["num_requests"] for entry in entries)
    return {
        "requests": requests,
        "failures": sum(entry["num_failures"] for entry in entries),
        "per_second": round(requests / window, 2) if window else 0.0,
        "median_ms": percentile(times, 0.5),
        "p95_ms": percentile(times, 0.95),
        "max_ms": round(max((entry["max_response_time"] for entry in entries), default=0)),
    }


def read_stats(prefix: Path) -> dict[str, Any]:
    """Per request kind from locust's final `<prefix>.json` (written after the last
    request, unlike the CSV, which misses those finishing in the stop timeout), and the
    failures' messages from `<prefix>_failures.csv`."""
    entries: list[dict[str, Any]] = json.loads(Path(f"{prefix}.json").read_text())
    window = max((entry["last_request_timestamp"] or 0 for entry in entries), default=0) - min(
        (entry["start_time"] for entry in entries), default=0
    )
    kinds = {entry["name"]: _kind([entry], window) for entry in sorted(entries, key=_order)}
    kinds["all"] = _kind(entries, window)
    with Path(f"{prefix}_failures.csv").open(newline="") as failures:
        errors = [
            f"{row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)"
            for row in csv.DictReader(failures)
        ]
    return {"kinds": kinds, "errors": errors, "window_seconds": round(window, 1)}


def _order(entry: dict[str, Any]) -> int:
    order = ["trivial page (floor)", "client search", "case page", "session entry (POST)"]
    order.append("annual report")
    return order.index(entry["name"]) if entry["name"] in order else len(order)


def _database_processes() -> list[Any]:
    """The PostgreSQL server of DATABASE_URL and its backends (none for SQLite, which
    runs inside the web server's workers)."""
    import psutil  # type: ignore[import-untyped]  # a dependency of locust, no stubs
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    port = f"-p {connection.settings_dict['PORT']}"
    for process in psutil.process_iter(["name", "cmdline"]):
        if process.info["name"] == "postgres" and port in " ".join(process.info["cmdline"] or []):
            return [process, *process.children(recursive=True)]
    return []


def cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """CPU time (user + system) of gunicorn's master and workers and of the database
    server so far: with other work on the machine, requests per CPU second tell the
    capacity of two cores better than the requests per second of this run."""
    import psutil

    master = psutil.Process(server.pid)
    total = 0.0
    for process in [master, *master.children(recursive=True), *_database_processes()]:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def measure(out: Path, *, counsellors: int, seconds: int, workers: int) -> dict[str, Any]:
    from django.db import connection

    fixtures = out / f"{connection.vendor}-load-users.json"
    fixtures.write_text(json.dumps(prepare(counsellors)))
    connection.close()  # the server's workers and this process share the database file
    port = free_port()
    server = start_server(port, workers, out / f"{connection.vendor}-load-server.log")
    prefix = out / f"{connection.vendor}-load"
    load_before = os.getloadavg()[0]  # other work on the machine skews the figures: recorded
    try:
        cpu_before = cpu_seconds(server)
        started = time.perf_counter()
        locust = subprocess.run(
            [str(LOCUST), "-f", str(LOCUSTFILE), "--headless", "--only-summary",
             "--host", f"http://127.0.0.1:{port}", "--users", str(counsellors + 1),
             "--spawn-rate", str(counsellors + 1), "--run-time", f"{seconds}s",
             "--stop-timeout", "60", "--csv", str(prefix), "--json-file", str(prefix),
             "--loglevel", "WARNING"],
            env={**os.environ, "TEILHABE_LOAD_FIXTURES": str(fixtures)},
            capture_output=True, text=True, timeout=seconds + 300,
        )  # fmt: skip
        wall = time.perf_counter() - started
        cpu = cpu_seconds(server) - cpu_before
    finally:
        stop_server(server)
    (out / f"{connection.vendor}-load-locust.log").write_text(locust.stdout + locust.stderr)
    result = read_stats(prefix)
    result.update(
        counsellors=counsellors,
        team_leads=1,
        seconds=seconds,
        wall_seconds=round(wall, 1),
        workers=workers,
        cores=os.cpu_count(),
        locust_exit=locust.returncode,
        load_average=[round(load_before, 1), round(os.getloadavg()[0], 1)],
        server_cpu_seconds=round(cpu, 1),
    )
    total = result["kinds"]["all"]["requests"]
    # what two cores would serve if the server had them to itself
    result["per_second_at_2_cores"] = round(2 * total / cpu, 1) if cpu else 0.0
    return result


def summary(result: dict[str, Any]) -> str:
    lines = [
        f"Load test: {result['counsellors']} counsellors and {result['team_leads']} team lead "
        f"for {result['seconds']} s on `teilhabe serve` ({result['workers']} gunicorn workers, "
        f"{result['cores']} cores), loopback; load average {result['load_average'][0]} before, "
        f"{result['load_average'][1]} after",
        "",
        "| request | requests | failures | req/s | median ms | p95 ms | max ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, kind in result["kinds"].items():
        lines.append(
            f"| {name} | {kind['requests']} | {kind['failures']} | {kind['per_second']:.1f} "
            f"| {kind['median_ms']:.0f} | {kind['p95_ms']:.0f} | {kind['max_ms']} |"
        )
    lines.append("")
    lines.append(
        f"Server and database used {result['server_cpu_seconds']} CPU seconds for "
        f"{result['kinds']['all']['requests']} requests: {result['per_second_at_2_cores']} "
        "requests per second on two cores to themselves."
    )
    lines.extend(f"- error: {error}" for error in result["errors"])
    return "\n".join(lines)


def failed(result: dict[str, Any]) -> bool:
    """Any failed request, or a locust run that did not end cleanly, fails the bench."""
    total = result["kinds"].get("all", {"requests": 0, "failures": 0})
    return (
        bool(result["errors"])
        or total["failures"] > 0
        or total["requests"] == 0
        or (result["locust_exit"] != 0)
    )
