"""The annual-report benchmark: the JSON annual report of the biggest service for the
most recent full year of the data set (with the previous year, as the engine computes
it), against a floor of the same run: DuckDB computing the same figures from the same
data exported to Parquet (teilhabe/bench/floor.py). docs/performance.md, "Annual report".
"""

from __future__ import annotations

import cProfile
import datetime
import io
import pstats
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext

from teilhabe.bench.floor import export, floor_figures
from teilhabe.casework.models import Case
from teilhabe.organisations.models import Organisation
from teilhabe.reports.exports import as_json
from teilhabe.reports.figures import Scope, annual_figures

TARGET_SECONDS = 2.0
TARGET_RATIO = 10.0


def report_scope(slug: str = "bench") -> tuple[Scope, int]:
    """The service with the most cases, and the latest year that has ended."""
    organisation = Organisation.objects.get(slug=slug)
    cases = Case.objects.filter(organisation=organisation)
    biggest = (
        cases.values("service__code").annotate(n=Count("pk")).order_by("-n", "service__code")[0]
    )
    latest = cases.aggregate(latest=Max("opened_on"))["latest"]
    year = min(latest.year, datetime.date.today().year - 1)
    return Scope((organisation.pk,), (biggest["service__code"],)), year


def _timed(work: Callable[[], str], runs: int) -> tuple[list[float], str]:
    samples, output = [], ""
    for _run in range(runs):
        started = time.perf_counter()
        output = work()
        samples.append(time.perf_counter() - started)
    return samples, output


def _differences(engine: dict[str, Any], floor: dict[str, Any], path: str = "") -> list[str]:
    found = []
    for key in sorted(engine.keys() | floor.keys()):
        mine, theirs = engine.get(key), floor.get(key)
        if isinstance(mine, dict) and isinstance(theirs, dict) and key == "vorjahr":
            found += _differences(mine, theirs, f"{path}{key}.")
        elif mine != theirs:
            found.append(f"{path}{key}: engine {mine!r}, floor {theirs!r}")
    return found


def profile(scope: Scope, year: int, into: Path) -> dict[str, Any]:
    """One more run of the report, with its queries captured and its Python profiled
    (the listing goes to `into`). The query times are the database's execute time only:
    SQLite computes rows while they are fetched, which the profile shows instead."""
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        profiler.runcall(annual_figures, scope, year)
    listing = io.StringIO()
    pstats.Stats(profiler, stream=listing).sort_stats("cumulative").print_stats(40)
    into.write_text(listing.getvalue())
    queries: list[dict[str, Any]] = sorted(
        ({"seconds": float(query["time"]), "sql": query["sql"][:200]} for query in captured),
        key=lambda query: -query["seconds"],
    )
    return {
        "queries": len(queries),
        "execute_seconds": round(sum(query["seconds"] for query in queries), 3),
        "slowest": queries[:5],
    }


def measure(out: Path, runs: int = 5) -> dict[str, Any]:
    scope, year = report_scope()

    def report() -> str:
        return as_json(annual_figures(scope, year))

    report_samples, report_json = _timed(report, runs)
    folder = out / f"parquet-{connection.vendor}"
    started = time.perf_counter()
    exported = export(folder)
    export_seconds = time.perf_counter() - started

    def floor() -> str:
        return as_json(floor_figures(folder, scope.organisation_ids, scope.services, year))

    floor_samples, floor_json = _timed(floor, runs)
    engine, lower = (
        annual_figures(scope, year),
        floor_figures(folder, scope.organisation_ids, scope.services, year),
    )
    differences = _differences(engine, lower)
    # The floor is only a floor if it does the same work and gets the same figures.
    assert not differences, "DuckDB floor and report engine disagree:\n" + "\n".join(differences)
    assert len(report_json) > 0 and len(floor_json) > 0
    median, worst = statistics.median(report_samples), max(report_samples)
    floor_median = statistics.median(floor_samples)
    ratio = median / floor_median
    return {
        "service": scope.services[0],
        "year": year,
        "cases": engine["faelle"],
        "sessions": engine["beratungssitzungen"],
        "goals": engine["ziele"],
        "runs": runs,
        "report_seconds": {"median": round(median, 3), "max": round(worst, 3)},
        "report_samples": [round(sample, 3) for sample in report_samples],
        "floor_seconds": {
            "median": round(floor_median, 3),
            "max": round(max(floor_samples), 3),
        },
        "ratio": round(ratio, 1),
        "target_met": worst < TARGET_SECONDS and ratio <= TARGET_RATIO,
        "export_seconds": round(export_seconds, 1),
        "exported_rows": exported,
        "profile": profile(scope, year, out / f"{connection.vendor}-annual-profile.txt"),
    }


def summary(result: dict[str, Any]) -> str:
    """The Markdown lines `python -m teilhabe.bench` prints."""
    report, floor = result["report_seconds"], result["floor_seconds"]
    met = "yes" if result["target_met"] else "no"
    return "\n".join(
        [
            f"Annual report {result['service']} {result['year']} (JSON, with "
            f"{result['year'] - 1}; {result['cases']:,} cases, {result['sessions']:,} sessions, "
            f"{result['goals']:,} goals), {result['runs']} runs:",
            "",
            "| | median s | max s |",
            "|---|---|---|",
            f"| report engine | {report['median']:.3f} | {report['max']:.3f} |",
            f"| floor (DuckDB on Parquet, same figures) | {floor['median']:.3f} "
            f"| {floor['max']:.3f} |",
            "",
            f"Median ÷ floor median: {result['ratio']:.1f}; target (max < {TARGET_SECONDS:g} s "
            f"and ≤ {TARGET_RATIO:g}× the floor) met: {met}. {result['profile']['queries']} "
            f"queries, {result['profile']['execute_seconds']} s executing them.",
        ]
    )
