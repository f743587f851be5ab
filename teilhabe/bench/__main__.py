"""`make bench`: the casework benchmarks on generated big-city data (docs/performance.md).

    python -m teilhabe.bench [--scale 1.0]

Runs against the database of DATABASE_URL (a fresh SQLite file under
var/bench/ when unset): migrates, imports the generated data set with the real
`teilhabe import casework` in a subprocess (wall time and peak memory), then times
pages in-process (server time, no network): a trivial signed-in page as the floor,
the case list with filters, the client search and the client page, 200 requests each;
then the JSON annual report of the biggest service against DuckDB computing the same
figures from Parquet (teilhabe/bench/annual.py); the register import
(teilhabe/bench/register.py); the plan report JSON and plan pages of a generated
2,000-measure concept (teilhabe/bench/plan.py); then a load test of counsellors and a
team lead with locust against `teilhabe serve` (teilhabe/bench/load.py; any failed
request fails the bench). Prints Markdown tables and writes var/bench/<engine>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--annual-runs", type=int, default=5)
    # The load test (teilhabe/bench/load.py): counsellors in locust, seconds, gunicorn workers.
    parser.add_argument(
        "--load-users", type=int, default=int(os.environ.get("BENCH_LOAD_USERS", "6"))
    )
    parser.add_argument(
        "--load-seconds", type=int, default=int(os.environ.get("BENCH_LOAD_SECONDS", "120"))
    )
    parser.add_argument("--load-workers", type=int, default=3)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DATABASE_URL"):
        database = OUT / "bench.sqlite3"
        for leftover in OUT.glob("bench.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    import django

    django.setup()
    from teilhabe.bench import annual, load
    from teilhabe.bench.run import prepare, query_plans, time_pages

    files = generate(args.scale)
    teilhabe = [sys.executable, "-m", "teilhabe.cli"]
    subprocess.run([*teilhabe, "migrate", "-v", "0"], check=True)
    prepare()
    started = time.perf_counter()
    subprocess.run(
        [*teilhabe, "import", "casework", str(files), "--organisation", "bench"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    from django.db import connection

    result: dict[str, Any] = {
        "engine": connection.vendor,
        "scale": args.scale,
        "rows": json.loads((files / "counts.json").read_text()),
        "import_seconds": round(seconds, 1),
        "import_peak_mib": round(peak_mib),
        "pages": time_pages(args.requests),
        "annual_report": annual.measure(OUT, args.annual_runs),
    }
    (OUT / f"{connection.vendor}-plans.txt").write_text(query_plans())
    from teilhabe.bench import register  # the register import (teilhabe/bench/register.py)

    result["register"] = register.measure(int(os.environ.get("BENCH_REGISTER_ROWS", "1000000")))
    from teilhabe.bench import plan  # the plan report and pages (teilhabe/bench/plan.py)

    result["plan"] = plan.measure(OUT)
    if args.load_users > 0:
        result["load"] = load.measure(
            OUT, counsellors=args.load_users, seconds=args.load_seconds, workers=args.load_workers
        )
    (OUT / f"{connection.vendor}.json").write_text(json.dumps(result, indent=2))
    print(report(result))
    print()
    print(annual.summary(result["annual_report"]))
    print()
    print(register.summary(result["register"]))
    print()
    print(plan.summary(result["plan"]))
    if "load" in result:
        print()
        print(load.summary(result["load"]))
        if load.failed(result["load"]):
            sys.exit(f"Load test: failed requests, see var/bench/{connection.vendor}-load-*.")


def generate(scale: float) -> Path:
    """The data set in the import format, generated once per scale (deterministic)."""
    from teilhabe.demo.casework_data import Plan, write

    target = OUT / f"data-{scale:g}"
    if not (target / "counts.json").exists():
        plan = Plan(
            int(60_000 * scale),
            {"MBE": 0.4, "JMD": 0.3, "IKB": 0.1, "KIM": 0.2},
            ["Altstadt", "Nordstadt", "Westhagen", "Oststadt"],
            2024,
            2025,
            1,
            "",
        )
        counts = write(plan, target)
        (target / "counts.json").write_text(json.dumps(counts))
    return target


def report(result: dict[str, Any]) -> str:
    rows = result["rows"]
    lines = [
        f"### {result['engine']} (scale {result['scale']:g}: {rows['personen']:,} persons, "
        f"{rows['faelle']:,} cases, {rows['kontakte']:,} sessions, {rows['ziele']:,} goals)",
        "",
        f"Import: {result['import_seconds']} s, peak memory {result['import_peak_mib']} MiB",
        "",
        "| page | median ms | p95 ms | p95 / floor p95 |",
        "|---|---|---|---|",
    ]
    floor = result["pages"]["trivial"]["p95"]
    for name, timing in result["pages"].items():
        ratio = timing["p95"] / floor if floor else 0
        lines.append(f"| {name} | {timing['median']:.1f} | {timing['p95']:.1f} | {ratio:.1f} |")
    return "\n".join(lines)


def summarise(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "p95": ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))],
    }


if __name__ == "__main__":
    main()
