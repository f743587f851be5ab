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

DATA = Path(__file__).resolve().parent / "data"
TOPICS = ["aufenthalt", "sozialleistungen", "arbeit", "anerkennung", "sprache", "bildung", "wohnen",
          "gesundheit", "familie", "rente", "finanzen", "behoerden", "sonstige"]  # fmt: skip
ROUTES = ["familie", "freunde", "mbe", "jmd", "schule", "sprachkurs", "jobcenter", "auslaenderbehoerde",
          "eigeninitiative", "sonstige"]  # fmt: skip
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


def _date(rng: random.Random, year: int, last_year: int) -> datetime.date:
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(last_year, 12, 31), datetime.date.today())
    return start + datetime.timedelta(days=rng.randrange(max((end - start).days, 1)))


def write(plan: Plan, folder: Path) -> dict[str, int]:
    """Writes personen.csv, faelle.csv, kontakte.csv and ziele.csv; returns row counts."""
    rng = random.Random(plan.seed)
    origins = json.loads((DATA / "names.json").read_text(encoding="utf-8"))["origins"]
    weights = [origin["weight"] for origin in origins]
    folder.mkdir(parents=True, exist_ok=True)
    files = {name: (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in
             ("personen", "faelle", "kontakte", "ziele")}  # fmt: skip
    writers = {name: csv.writer(stream, delimiter=";") for name, stream in files.items()}
    writers["personen"].writerow(["person_id", "vorname", "nachname", "geschlecht", "geburtsjahr",
        "staatsangehoerigkeit", "herkunftsland", "geburtsland", "rechtsstatus", "stadtteil", "einreise",
        "sprachen", "schulabschluss", "haushalt_id"])  # fmt: skip
    writers["faelle"].writerow(["fall_id", "person_id", "dienst", "art", "beginn", "ende", "zugangsweg",
                                "abschlussgrund", "mitberatene"])  # fmt: skip
    writers["kontakte"].writerow(
        ["fall_id", "datum", "dauer_min", "form", "themen", "anwesende", "sprache", "dolmetsch"]
    )
    writers["ziele"].writerow(
        ["ziel_id", "fall_id", "bereich", "formuliert_am", "status", "status_am", "text"]
    )
    counts = dict.fromkeys(files, 0)
    services, service_weights = list(plan.services), list(plan.services.values())
    case_number = goal_number = 0
    for number in range(1, plan.clients + 1):
        origin = rng.choices(origins, weights)[0]
        female = rng.random() < 0.6
        pid, household = f"{plan.prefix}P{number}", f"{plan.prefix}H{number}"
        service = rng.choices(services, service_weights)[0]
        age = rng.randint(12, 27) if service == "JMD" else rng.randint(28, 75)
        opened = _date(rng, plan.first_year, plan.last_year)
        birth_year = opened.year - age
        arrival = opened - datetime.timedelta(days=rng.randint(30, 365 * 12))
        district = rng.choice(plan.districts)
        writers["personen"].writerow([pid, rng.choice(origin["female" if female else "male"]), rng.choice(origin["last"]),
            "w" if female else "m", birth_year, origin["country"], origin["country"], origin["country"],
            rng.choice(origin["legal"]), district, arrival.strftime("%d.%m.%Y"), "|".join(origin["languages"]),
            rng.choice(SCHOOL), household])  # fmt: skip
        counts["personen"] += 1
        relatives = []
        if rng.random() < 0.45:  # a family member counselled alongside
            relative = f"{pid}-A"
            writers["personen"].writerow([relative, rng.choice(origin["male" if female else "female"]), "",
                "m" if female else "w", birth_year + (-26 if age < 28 else rng.choice([-3, 2, 25 if age > 45 else 1])), origin["country"], origin["country"],
                origin["country"], rng.choice(origin["legal"]), district, arrival.strftime("%d.%m.%Y"),
                origin["languages"][0], "", household])  # fmt: skip
            counts["personen"] += 1
            relatives.append(relative)
        for repeat in range(1 if rng.random() < 0.5 else 2):
            case_number += 1
            fid = f"{plan.prefix}F{case_number}"
            start = opened if repeat == 0 else _date(rng, opened.year, plan.last_year)
            kind = (
                "case_management"
                if service in {"KIM", "JMD"} and rng.random() < 0.6
                else "beratung"
            )
            length = datetime.timedelta(days=rng.randint(14, 500))
            closed = (
                start + length
                if start + length < datetime.date.today() and rng.random() < 0.7
                else None
            )
            writers["faelle"].writerow([fid, pid, service if repeat == 0 else rng.choices(services, service_weights)[0],
                kind, start.strftime("%d.%m.%Y"), closed.strftime("%d.%m.%Y") if closed else "",
                rng.choices(ROUTES, ROUTE_WEIGHTS)[0], "ziele_erreicht" if closed else "", "|".join(relatives)])  # fmt: skip
            counts["faelle"] += 1
            end = closed or min(datetime.date.today(), datetime.date(plan.last_year, 12, 31))
            for _session in range(rng.randint(1, 12)):
                day = start + datetime.timedelta(days=rng.randint(0, max((end - start).days, 0)))
                writers["kontakte"].writerow([fid, day.strftime("%d.%m.%Y"), rng.choice([15, 30, 45, 60, 90]),
                    rng.choice(["persoenlich", "telefon", "persoenlich", "video", "hausbesuch"]),
                    "|".join(rng.sample(TOPICS, rng.randint(1, 3))),
                    "|".join(relatives) if relatives and rng.random() < 0.3 else "",
                    rng.choice(origin["languages"] + ["de"]), rng.choice(["ja", "nein", "nein"])])  # fmt: skip
                counts["kontakte"] += 1
            if kind == "case_management" or rng.random() < 0.6:
                for _goal in range(rng.randint(1, 4)):
                    goal_number += 1
                    agreed = min(start + datetime.timedelta(days=rng.randint(0, 30)), datetime.date.today())
                    status = rng.choices(STATUSES, STATUS_WEIGHTS)[0]
                    status_on = min(
                        agreed + datetime.timedelta(days=rng.randint(10, 300)),
                        datetime.date.today(),
                    )
                    if status == "in_bearbeitung":
                        status_on = None
                    writers["ziele"].writerow([f"{plan.prefix}Z{goal_number}", fid, rng.choices(AREAS, AREA_WEIGHTS)[0],
                        agreed.strftime("%d.%m.%Y"), status, status_on.strftime("%d.%m.%Y") if status_on else "", ""])  # fmt: skip
                    counts["ziele"] += 1
    for stream in files.values():
        stream.close()
    return counts
