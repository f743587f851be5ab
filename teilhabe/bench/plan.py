"""The plan benchmark (issue 11; docs/performance.md, "Plan report"): the plan report JSON
of a generated concept of 2,000 measures and 20,000 progress entries, and the pages that
read the whole plan (the concept page, the synopsis), on the bench's database.

    python -m teilhabe.bench.plan [--measures 2000] [--entries 20000] [--runs 5]

Alone it migrates a fresh SQLite file under var/bench/ (or the database of DATABASE_URL);
in `make bench` it runs after the casework steps on the same database. The concept is
generated with a seeded random generator (deterministic) straight into the tables:
8 fields of action, 5 goals each with 3 sub-goals, district goals under city goals in
every area below the top, 60 actors, 10 funding programmes ending around the reference
date, measures serving one or two goals (district goals among them) in zero to two
areas, and entries from 2023 to mid-2026 (the reference date 31.12.2025 does not see
the later ones; same-day entries happen). Times are wall time in-process, no HTTP: the
report as `teilhabe report plan --format json` builds it (`PlanReport.build` and
`export_plan`), and the pages through Django's test client signed in as the integration
coordinator. One more run of each is profiled: queries and the Python listing go to
var/bench/<engine>-plan-<what>-profile.txt.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import json
import os
import pstats
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "var" / "bench"
SLUG = "bench-plan"
DAY = datetime.date(2025, 12, 31)
FIRST, LAST = datetime.date(2023, 1, 1), datetime.date(2026, 6, 30)
TARGET_SECONDS = 1.0
STATUSES = ["laufend", "abgeschlossen", "zurueckgestellt", "abgebrochen", "geplant"]
STATUS_WEIGHTS = [6, 2, 1, 1, 1]


def generate(measures: int = 2000, entries: int = 20000, seed: int = 11) -> Any:
    """The concept SLUG with `measures` measures and `entries` progress entries."""
    from teilhabe.funding.models import FundingProgramme
    from teilhabe.network.catalogue import install_actor_kinds
    from teilhabe.network.models import Actor, ActorKind
    from teilhabe.organisations.models import Area
    from teilhabe.planning.models import (
        Concept,
        FieldOfAction,
        Goal,
        Indicator,
        Measure,
        ProgressEntry,
    )

    rng = random.Random(seed)
    install_actor_kinds()
    kind = ActorKind.objects.get(code="sonstige")
    actors = Actor.objects.bulk_create(
        [Actor(name=f"Bench-Träger {n:02d}", kind=kind) for n in range(60)]
    )
    programmes = FundingProgramme.objects.bulk_create(
        [
            FundingProgramme(
                code=f"BENCH-P{n}",
                title=f"Bench-Förderprogramm {n}",
                amount_per_year=Decimal(100_000),
                starts_on=datetime.date(2022, 1, 1),
                ends_on=DAY + datetime.timedelta(days=90 * n - 180),
            )
            for n in range(10)
        ]
    )
    concept = Concept.objects.create(slug=SLUG, title="Bench-Integrationskonzept")
    fields = FieldOfAction.objects.bulk_create(
        [FieldOfAction(concept=concept, code=f"HF{n}", title=f"Feld {n}") for n in range(1, 9)]
    )
    tops = Goal.objects.bulk_create(
        [
            Goal(concept=concept, code=f"Z{f.code[2:]}.{n}", title=f"Ziel {n}", field=f)
            for f in fields
            for n in range(1, 6)
        ]
    )
    subs = Goal.objects.bulk_create(
        [
            Goal(concept=concept, code=f"{g.code}.{n}", title=f"Teilziel {n}", parent=g)
            for g in tops
            for n in range(1, 4)
        ]
    )
    areas = list(Area.objects.filter(parent__isnull=False).order_by("code"))
    districts = Goal.objects.bulk_create(
        [
            Goal(
                concept=concept,
                code=f"{a.code}-{n}",
                title=f"{a.name}: Ziel {n}",
                parent=rng.choice(tops + subs),
                area=a,
            )
            for a in areas
            for n in range(1, 4)
        ]
    )
    goals = tops + subs + districts
    made = Measure.objects.bulk_create(
        [_measure(concept, n, rng, actors, programmes) for n in range(1, measures + 1)],
        batch_size=500,
    )
    links = Measure.goals.through, Measure.areas.through, Measure.partners.through
    goal_rows, area_rows, partner_rows = [], [], []
    for m in made:
        goal_rows += [
            links[0](measure_id=m.pk, goal_id=g.pk)
            for g in rng.sample(goals, rng.choice([1, 1, 1, 2]))
        ]
        area_rows += [
            links[1](measure_id=m.pk, area_id=a.pk) for a in rng.sample(areas, rng.randint(0, 2))
        ]
        partner_rows += [
            links[2](measure_id=m.pk, actor_id=a.pk) for a in rng.sample(actors, rng.randint(0, 3))
        ]
    links[0].objects.bulk_create(goal_rows, batch_size=2000)
    links[1].objects.bulk_create(area_rows, batch_size=2000)
    links[2].objects.bulk_create(partner_rows, batch_size=2000)
    Indicator.objects.bulk_create(
        [
            Indicator(measure=m, name="Teilnehmende", baseline=10, target=50, year=2027)
            for m in made
        ],
        batch_size=1000,
    )
    ProgressEntry.objects.bulk_create(_entries(made, entries, rng), batch_size=2000)
    return concept


def _measure(
    concept: Any, n: int, rng: random.Random, actors: list[Any], programmes: list[Any]
) -> Any:
    from teilhabe.planning.models import Measure

    starts = FIRST + datetime.timedelta(days=rng.randint(-700, 900))
    return Measure(
        concept=concept,
        code=f"M{n:04d}",
        title=f"Maßnahme {n}",
        lead=rng.choice(actors),
        starts_on=starts,
        planned_end=starts + datetime.timedelta(days=rng.randint(180, 1500)),
        planned_cost=None if rng.random() < 0.3 else Decimal(rng.randint(1, 400) * 250),
        funding=rng.choice(programmes) if rng.random() < 0.3 else None,
        target_groups="Neuzugewanderte\nFamilien",
    )


def _entries(measures: list[Any], count: int, rng: random.Random) -> list[Any]:
    """`count` entries spread over the measures, each measure's in date order; its first
    sets `laufend`, later ones mostly a stand, some a status, some only a remark."""
    from teilhabe.planning.models import ProgressEntry

    span = (LAST - FIRST).days
    per: dict[int, list[datetime.date]] = {}
    for _ in range(count):
        measure = rng.choice(measures)
        per.setdefault(measure.pk, []).append(FIRST + datetime.timedelta(days=rng.randint(0, span)))
    rows = []
    for measure_id in sorted(per):
        stand = 0
        for index, day in enumerate(sorted(per[measure_id])):
            roll = rng.random()
            status, value, remark = "", None, ""
            if index == 0:
                status, value = "laufend", rng.randint(0, 20)
            elif roll < 0.7:
                stand = min(stand + rng.randint(1, 15), 100)
                value = stand
            elif roll < 0.85:
                status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
            else:
                remark = "Zwischenstand besprochen."
            rows.append(
                ProgressEntry(
                    measure_id=measure_id, date=day, status=status, stand=value, remark=remark
                )
            )
    return rows


def _client() -> Any:
    """A test client signed in as an integration coordinator with a confirmed second
    factor, as after the login form and the TOTP step."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from teilhabe.accounts.models import User
    from teilhabe.accounts.roles import Role
    from teilhabe.accounts.services import add_membership
    from teilhabe.organisations.models import Organisation
    from teilhabe.organisations.services import create_organisation

    organisation = Organisation.objects.filter(kind=Organisation.Kind.CITY_OFFICE).first()
    if organisation is None:
        organisation = create_organisation(
            "bench-stadt", "Benchstadt", ["KIM"], Organisation.Kind.CITY_OFFICE
        )
    user, created = User.objects.get_or_create(username="bench-kim")
    if created:
        add_membership(user, organisation, Role.INTEGRATION_COORDINATOR)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _timed(work: Callable[[], Any], runs: int) -> dict[str, Any]:
    samples = []
    for _run in range(runs):
        started = time.perf_counter()
        work()
        samples.append(time.perf_counter() - started)
    return {
        "median": round(statistics.median(samples), 3),
        "max": round(max(samples), 3),
        "samples": [round(s, 3) for s in samples],
    }


def _profile(work: Callable[[], Any], into: Path) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as captured:
        profiler.runcall(work)
    listing = io.StringIO()
    pstats.Stats(profiler, stream=listing).sort_stats("cumulative").print_stats(40)
    into.write_text(listing.getvalue())
    seconds = [float(query["time"]) for query in captured]
    return {"queries": len(seconds), "execute_seconds": round(sum(seconds), 3)}


def measure(out: Path, measures: int = 2000, entries: int = 20000, runs: int = 5) -> dict[str, Any]:
    from django.db import connection
    from django.urls import reverse

    from teilhabe.core.db import refresh_statistics
    from teilhabe.planning.models import Concept, ProgressEntry
    from teilhabe.reports.plan_exports import PlanReport, export_plan

    started = time.perf_counter()
    concept = Concept.objects.filter(slug=SLUG).first() or generate(measures, entries)
    generate_seconds = time.perf_counter() - started
    refresh_statistics()

    def report() -> bytes:
        return export_plan(PlanReport.build(concept, DAY), "json")

    client = _client()
    stichtag = f"?stichtag={DAY:%d.%m.%Y}"
    pages = {
        "concept page": reverse("planning:concept_detail", kwargs={"slug": SLUG}) + stichtag,
        "synopsis page": reverse("planning:synopsis", kwargs={"slug": SLUG}) + stichtag,
    }

    def page(url: str) -> Callable[[], None]:
        def get() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return get

    report()  # warm-up: imports, translations
    for url in pages.values():
        page(url)()  # warm-up: templates
    figures = PlanReport.build(concept, DAY).figures
    vendor = connection.vendor
    result: dict[str, Any] = {
        "measures": figures["massnahmen"],
        "entries": ProgressEntry.objects.filter(measure__concept=concept).count(),
        "day": f"{DAY:%d.%m.%Y}",
        "generate_seconds": round(generate_seconds, 1),
        "runs": runs,
        "report_seconds": _timed(report, runs),
        "report_profile": _profile(report, out / f"{vendor}-plan-report-profile.txt"),
        "report_bytes": len(report()),
    }
    for name, url in pages.items():
        key = name.replace(" ", "_")
        result[f"{key}_seconds"] = _timed(page(url), runs)
        result[f"{key}_profile"] = _profile(page(url), out / f"{vendor}-plan-{key}-profile.txt")
    result["target_met"] = result["report_seconds"]["max"] < TARGET_SECONDS
    return result


def summary(result: dict[str, Any]) -> str:
    """The Markdown lines `python -m teilhabe.bench` prints."""
    met = "yes" if result["target_met"] else "no"
    lines = [
        f"### Plan report ({result['measures']:,} measures, {result['entries']:,} progress "
        f"entries, on {result['day']}), {result['runs']} runs",
        "",
        "| | median s | max s | queries | s executing them |",
        "|---|---|---|---|---|",
    ]
    for label, key in (
        ("report JSON", "report"),
        ("concept page", "concept_page"),
        ("synopsis page", "synopsis_page"),
    ):
        timing, profile = result[f"{key}_seconds"], result[f"{key}_profile"]
        lines.append(
            f"| {label} | {timing['median']:.3f} | {timing['max']:.3f} | {profile['queries']} "
            f"| {profile['execute_seconds']} |"
        )
    lines += ["", f"Target (report JSON max < {TARGET_SECONDS:g} s) met: {met}."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--measures", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DATABASE_URL"):
        for leftover in OUT.glob("plan.sqlite3*"):
            leftover.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'plan.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from teilhabe.demo.musterstadt import DATA
    from teilhabe.organisations.area_import import import_areas
    from teilhabe.organisations.models import Area

    call_command("migrate", verbosity=0)
    if not Area.objects.exists():
        import_areas(DATA / "musterstadt-gebiete.csv")
    result = measure(OUT, args.measures, args.entries, args.runs)
    (OUT / f"{connection.vendor}-plan.json").write_text(json.dumps(result, indent=2))
    print(summary(result))


if __name__ == "__main__":
    main()
