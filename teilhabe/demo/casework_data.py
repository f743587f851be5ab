"""Generated casework in the import format (shared/formats/casework-import.md).

The same generator writes the demo city's two years of casework and the big-city data
set of the benchmarks (about 60,000 clients, 90,000 cases, 600,000 sessions and
150,000 goals at scale 1). It is deterministic for a seed, so figures are repeatable.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from teilhabe.casework.importer.parse import COLUMNS

DATA = Path(__file__).resolve().parent / "data"
TOPICS = [
    "aufenthalt",
    "sozialleistungen",
    "arbeit",
    "anerkennung",
    "sprache",
    "bildung",
    "wohnen",
    "gesundheit",
    "familie",
    "rente",
    "finanzen",
    "behoerden",
    "sonstige",
]
ROUTES = [
    "familie",
    "freunde",
    "mbe",
    "jmd",
    "schule",
    "sprachkurs",
    "jobcenter",
    "auslaenderbehoerde",
    "eigeninitiative",
    "sonstige",
]
ROUTE_WEIGHTS = [39, 16, 11, 4, 6, 8, 6, 3, 5, 2]
AREAS = [
    "beruflich",
    "schulisch",
    "sozial",
    "sprachlich",
    "gesundheitlich",
    "wohnen",
    "finanziell",
    "aufenthaltsrechtlich",
]
AREA_WEIGHTS = [45, 14, 18, 10, 4, 4, 3, 2]
STATUSES = ["in_bearbeitung", "erreicht", "teilweise_erreicht", "nicht_erreicht", "abgebrochen"]
STATUS_WEIGHTS = [55, 25, 10, 5, 5]
SCHOOL = ["keiner", "in_schule", "sek1", "sek2", "hochschule", "unbekannt"]


@dataclass(frozen=True)
class Plan:
    """What to generate: clients spread over services (code -> share) and years."""

    clients: int
    services: dict[str, float]
    districts: list[str]
    first_year: int
    last_year: int
    seed: int = 2024
    prefix: str = ""


# The columns in the order of the format, from the importer that reads them.
HEADERS = {table: [*required, *optional] for table, (required, optional) in COLUMNS.items()}


def _german(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


class _Generator:
    def __init__(self, plan: Plan, writers: dict[str, Any]) -> None:
        self.plan, self.writers = plan, writers
        self.rng = random.Random(plan.seed)
        self.today = datetime.date.today()
        self.origins = json.loads((DATA / "names.json").read_text(encoding="utf-8"))["origins"]
        self.counts = dict.fromkeys(HEADERS, 0)
        self.cases = self.goals = 0

    def row(self, table: str, values: list[Any]) -> None:
        self.writers[table].writerow(values)
        self.counts[table] += 1

    def day_in(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def service(self) -> str:
        return self.rng.choices(list(self.plan.services), list(self.plan.services.values()))[0]

    def client(self, number: int) -> None:
        rng, plan = self.rng, self.plan
        origin = rng.choices(self.origins, [o["weight"] for o in self.origins])[0]
        female, service = rng.random() < 0.6, self.service()
        age = rng.randint(12, 27) if service == "JMD" else rng.randint(28, 75)
        end_of_plan = min(datetime.date(plan.last_year, 12, 31), self.today)
        opened = self.day_in(datetime.date(plan.first_year, 1, 1), end_of_plan)
        pid, household, country = (
            f"{plan.prefix}P{number}",
            f"{plan.prefix}H{number}",
            origin["country"],
        )
        arrival = opened - datetime.timedelta(days=rng.randint(30, 365 * 12))
        district, birth_year = rng.choice(plan.districts), opened.year - age
        self.row(
            "personen",
            [
                pid,
                rng.choice(origin["female" if female else "male"]),
                rng.choice(origin["last"]),
                "w" if female else "m",
                birth_year,
                country,
                country,
                country,
                rng.choice(origin["legal"]),
                district,
                _german(arrival),
                "|".join(origin["languages"]),
                rng.choice(SCHOOL),
                household,
            ],
        )
        relatives = []
        if rng.random() < 0.45:  # a family member counselled alongside
            relatives.append(f"{pid}-A")
            offset = -26 if age < 28 else rng.choice([-3, 2, 25 if age > 45 else 1])
            self.row(
                "personen",
                [
                    relatives[0],
                    rng.choice(origin["male" if female else "female"]),
                    "",
                    "m" if female else "w",
                    birth_year + offset,
                    country,
                    country,
                    country,
                    rng.choice(origin["legal"]),
                    district,
                    _german(arrival),
                    origin["languages"][0],
                    "",
                    household,
                ],
            )
        for repeat in range(1 if rng.random() < 0.5 else 2):
            start = opened if repeat == 0 else self.day_in(opened, end_of_plan)
            self.case(pid, service if repeat == 0 else self.service(), start, relatives, origin)

    def case(
        self, pid: str, service: str, start: datetime.date, relatives: list[str], origin: Any
    ) -> None:
        rng = self.rng
        self.cases += 1
        fid = f"{self.plan.prefix}F{self.cases}"
        kind = "case_management" if service in {"KIM", "JMD"} and rng.random() < 0.6 else "beratung"
        closed: datetime.date | None = start + datetime.timedelta(days=rng.randint(14, 500))
        if closed is not None and (closed >= self.today or rng.random() < 0.3):
            closed = None
        self.row(
            "faelle",
            [
                fid,
                pid,
                service,
                kind,
                _german(start),
                _german(closed),
                rng.choices(ROUTES, ROUTE_WEIGHTS)[0],
                "ziele_erreicht" if closed else "",
                "|".join(relatives),
            ],
        )
        end = closed or min(self.today, datetime.date(self.plan.last_year, 12, 31))
        for _session in range(rng.randint(1, 12)):
            self.row(
                "kontakte",
                [
                    fid,
                    _german(self.day_in(start, end)),
                    rng.choice([15, 30, 45, 60, 90]),
                    rng.choice(["persoenlich", "telefon", "persoenlich", "video", "hausbesuch"]),
                    "|".join(rng.sample(TOPICS, rng.randint(1, 3))),
                    "|".join(relatives) if relatives and rng.random() < 0.3 else "",
                    rng.choice([*origin["languages"], "de"]),
                    rng.choice(["ja", "nein", "nein"]),
                ],
            )
        if kind == "case_management" or rng.random() < 0.6:
            for _goal in range(rng.randint(1, 4)):
                self.goal(fid, start)

    def goal(self, fid: str, start: datetime.date) -> None:
        rng = self.rng
        self.goals += 1
        agreed = min(start + datetime.timedelta(days=rng.randint(0, 30)), self.today)
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        status_on = None
        if status != "in_bearbeitung":
            status_on = min(agreed + datetime.timedelta(days=rng.randint(10, 300)), self.today)
        self.row(
            "ziele",
            [
                f"{self.plan.prefix}Z{self.goals}",
                fid,
                rng.choices(AREAS, AREA_WEIGHTS)[0],
                _german(agreed),
                status,
                _german(status_on),
                "",
            ],
        )


def write(plan: Plan, folder: Path) -> dict[str, int]:
    """Writes personen.csv, faelle.csv, kontakte.csv and ziele.csv; returns row counts."""
    folder.mkdir(parents=True, exist_ok=True)
    streams = {
        name: (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in HEADERS
    }
    try:
        writers = {name: csv.writer(stream, delimiter=";") for name, stream in streams.items()}
        for name, header in HEADERS.items():
            writers[name].writerow(header)
        generator = _Generator(plan, writers)
        for number in range(1, plan.clients + 1):
            generator.client(number)
    finally:
        for stream in streams.values():
            stream.close()
    return generator.counts
