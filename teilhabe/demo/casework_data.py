"""Generated casework in the import format (shared/formats/casework-import.md).

The same generator writes the demo city's three years of casework and the big-city
data set of the benchmarks (about 60,000 clients, 90,000 cases, 600,000 sessions and
150,000 goals at scale 1). It is deterministic for a seed and a day, so figures are
repeatable.

Dates follow the year of a counselling service: sessions and openings fall on working
days, fewer in the summer holidays and around Christmas, more after them (SEASON).
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
# Relative weight of a month for openings and sessions (January first): the summer
# holidays and Christmas are quiet, the weeks after them busy.
SEASON = (1.0, 1.05, 1.1, 0.95, 0.95, 0.9, 0.7, 0.5, 1.05, 1.1, 1.05, 0.7)
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
    today: datetime.date | None = None  # None: the real date
    # Cases opened up to this many days before first_year, recorded from first_year on
    # (the running cases a service brings along): the first year is not a start-up year.
    lead_in_days: int = 0


# The columns in the order of the format, from the importer that reads them.
HEADERS = {table: [*required, *optional] for table, (required, optional) in COLUMNS.items()}


def _german(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


class _Generator:
    def __init__(self, plan: Plan, writers: dict[str, Any]) -> None:
        self.plan, self.writers = plan, writers
        self.rng = random.Random(plan.seed)
        self.today = plan.today or datetime.date.today()
        self.first_day = datetime.date(plan.first_year, 1, 1)
        self.origins = json.loads((DATA / "names.json").read_text(encoding="utf-8"))["origins"]
        texts = json.loads((DATA / "fallarbeit.json").read_text(encoding="utf-8"))
        self.goal_texts: dict[str, list[str]] = texts["ziele"]
        self.counts = dict.fromkeys(HEADERS, 0)
        self.cases = self.goals = 0

    def row(self, table: str, values: list[Any]) -> None:
        self.writers[table].writerow(values)
        self.counts[table] += 1

    def day_in(self, first: datetime.date, last: datetime.date) -> datetime.date:
        return first + datetime.timedelta(days=self.rng.randint(0, max((last - first).days, 0)))

    def working_day_in(self, first: datetime.date, last: datetime.date) -> datetime.date:
        """A day between first and last, on a working day and as busy as its month: drawn
        until one is accepted (a few tries; a span without a working day keeps the last)."""
        peak = max(SEASON)
        day = first
        for _attempt in range(12):
            day = self.day_in(first, last)
            if day.weekday() < 5 and self.rng.random() * peak < SEASON[day.month - 1]:
                return day
        return day

    def service(self) -> str:
        return self.rng.choices(list(self.plan.services), list(self.plan.services.values()))[0]

    def client(self, number: int) -> None:
        rng, plan = self.rng, self.plan
        origin = rng.choices(self.origins, [o["weight"] for o in self.origins])[0]
        female, service = rng.random() < 0.6, self.service()
        age = rng.randint(12, 27) if service == "JMD" else rng.randint(28, 75)
        end_of_plan = min(datetime.date(plan.last_year, 12, 31), self.today)
        opened = self.working_day_in(
            self.first_day - datetime.timedelta(days=plan.lead_in_days), end_of_plan
        )
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
            # A client comes back within a year and a half, not at any later time: with
            # returns spread up to today, each year would open more cases than the last.
            back_by = min(opened + datetime.timedelta(days=540), end_of_plan)
            start = opened if repeat == 0 else self.working_day_in(opened, back_by)
            self.case(pid, service if repeat == 0 else self.service(), start, relatives, origin)

    def case(
        self, pid: str, service: str, start: datetime.date, relatives: list[str], origin: Any
    ) -> None:
        rng = self.rng
        self.cases += 1
        fid = f"{self.plan.prefix}F{self.cases}"
        kind = "case_management" if service in {"KIM", "JMD"} and rng.random() < 0.6 else "beratung"
        # The case's course: contact until `last_contact`; closed then, unless that lies
        # ahead (still running) or the case stays open (long-term case management).
        end_of_data = min(self.today, datetime.date(self.plan.last_year, 12, 31))
        planned_end = start + datetime.timedelta(days=rng.randint(14, 500))
        closed: datetime.date | None = planned_end
        last_contact = planned_end
        if planned_end >= self.today:
            closed = None
        elif rng.random() < 0.3:
            closed, last_contact = None, end_of_data
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
        # Sessions spread over the whole course; those of a running case that lie ahead
        # are not there yet (spread only up to today, a young case would be too busy).
        for _session in range(rng.randint(1, 12)):
            day = self.working_day_in(start, last_contact)
            if not self.first_day <= day <= self.today:
                continue
            self.row(
                "kontakte",
                [
                    fid,
                    _german(day),
                    rng.choice([15, 30, 45, 60, 90]),
                    rng.choice(["persoenlich", "telefon", "persoenlich", "video", "hausbesuch"]),
                    "|".join(rng.sample(TOPICS, rng.randint(1, 3))),
                    "|".join(relatives) if relatives and rng.random() < 0.3 else "",
                    rng.choice([*origin["languages"], "deu"]),
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
        area = rng.choices(AREAS, AREA_WEIGHTS)[0]
        status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
        status_on = None
        if status != "in_bearbeitung":
            status_on = min(agreed + datetime.timedelta(days=rng.randint(10, 300)), self.today)
        self.row(
            "ziele",
            [
                f"{self.plan.prefix}Z{self.goals}",
                fid,
                area,
                _german(agreed),
                status,
                _german(status_on),
                rng.choice(self.goal_texts[area]),
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
