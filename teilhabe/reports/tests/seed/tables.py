"""Synthetic casework data (shared/formats/casework-import.md) that reproduces the figures
of the seed annual report (shared/seeds/000_0d44d3a6fb052291.txt).

`write_mbe_2024` builds section 2.1.1 (MBE and intercultural counselling, 2024 with the
2023 comparison), `write_jmd_2024` section 2.2.1 (Jugendmigrationsdienst). Everything is
derived from the constants below and the position of a row; there is no randomness, so
the same files come out on every run.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

D = datetime.date
DAY = datetime.timedelta(days=1)

COLUMNS: dict[str, tuple[str, ...]] = {
    "personen": (
        "person_id",
        "geschlecht",
        "geburtsjahr",
        "staatsangehoerigkeit",
        "herkunftsland",
        "geburtsland",
        "rechtsstatus",
        "stadtteil",
        "einreise",
        "sprachen",
        "schulabschluss",
        "haushalt_id",
    ),
    "faelle": (
        "fall_id",
        "person_id",
        "dienst",
        "art",
        "beginn",
        "ende",
        "zugangsweg",
        "abschlussgrund",
        "mitberatene",
    ),
    "kontakte": (
        "fall_id",
        "datum",
        "dauer_min",
        "form",
        "themen",
        "anwesende",
        "sprache",
        "dolmetsch",
    ),
    "ziele": ("ziel_id", "fall_id", "bereich", "formuliert_am", "status", "status_am", "text"),
}

# Districts of Wolfsburg the data sets use; the test creates them as areas.
DISTRICTS = (
    "Westhagen",
    "Detmerode",
    "Stadtmitte",
    "Laagberg",
    "Hageberg",
    "Vorsfelde",
    "Fallersleben",
    "Kästorf",
)

LANGUAGES = {
    "UA": "uk|ru",
    "RU": "ru",
    "KZ": "ru|kk",
    "AF": "fa|ps",
    "GH": "en",
    "SO": "so",
    "XK": "sq",
    "RS": "sr",
    "BA": "bs",
    "SY": "ar",
    "AM": "hy|ru",
    "BY": "be|ru",
    "UZ": "uz|ru",
    "RO": "ro",
    "PL": "pl",
    "IQ": "ar|ku",
    "TR": "tr",
    "IR": "fa",
    "ER": "ti",
    "BR": "pt",
    "VE": "es",
    "CO": "es",
    "DE": "de",
}
SCHOOL = ("sek1", "sek2", "hochschule", "keiner", "sek1", "unbekannt")
ROUTES = ("familie", "freunde", "eigeninitiative", "jobcenter", "sprachkurs", "")
REASONS = ("ziele_erreicht", "weitervermittelt", "kontaktabbruch", "umzug", "sonstige")
FORMS = ("persoenlich", "sprechstunde", "telefon", "persoenlich", "video", "hausbesuch")
TOPICS = (
    "aufenthalt",
    "sozialleistungen|finanzen",
    "arbeit",
    "sprache",
    "wohnen",
    "rente",
    "behoerden|sozialleistungen",
    "familie",
    "gesundheit",
    "anerkennung|arbeit",
    "bildung",
)


def spread(total: int, slots: int, index: int) -> int:
    """How many of `total` items slot `index` of `slots` gets, spread evenly (0 or more)."""
    return (total * (index + 1)) // slots - (total * index) // slots


def expand(counts: Sequence[tuple[str, int]]) -> list[str]:
    return [value for value, count in counts for _ in range(count)]


def scatter(values: list[str], step: int) -> Iterator[str]:
    """`values` in the order index * step (mod length): a fixed shuffle when step is coprime."""
    for index in range(len(values)):
        yield values[(index * step) % len(values)]


def days_between(start: datetime.date, end: datetime.date, count: int) -> list[datetime.date]:
    """`count` dates from start to end, evenly spaced, both ends included."""
    if count == 1:
        return [start + (end - start) // 2]
    return [start + (end - start) * k // (count - 1) for k in range(count)]


def fmt(day: datetime.date | None) -> str:
    return day.strftime("%d.%m.%Y") if day else ""


@dataclass
class Tables:
    """The four CSV tables, filled row by row; ids are numbered per prefix."""

    rows: dict[str, list[dict[str, str]]] = field(
        default_factory=lambda: {name: [] for name in COLUMNS}
    )
    numbers: dict[str, int] = field(default_factory=dict)

    def next_id(self, prefix: str) -> str:
        self.numbers[prefix] = self.numbers.get(prefix, 0) + 1
        return f"{prefix}{self.numbers[prefix]:04d}"

    def person(
        self,
        prefix: str,
        *,
        gender: str,
        birth_year: int,
        country: str,
        legal_status: str,
        district: str,
        arrival: datetime.date | None,
        nationality: str = "",
        school: str = "",
        household: str = "",
        born_in_germany: bool = False,
    ) -> str:
        pid = self.next_id(prefix)
        self.rows["personen"].append(
            {
                "person_id": pid,
                "geschlecht": gender,
                "geburtsjahr": str(birth_year),
                "staatsangehoerigkeit": nationality or country,
                "herkunftsland": country,
                "geburtsland": "DE" if born_in_germany else country,
                "rechtsstatus": legal_status,
                "stadtteil": district,
                "einreise": "" if born_in_germany else fmt(arrival),
                "sprachen": LANGUAGES[country] + ("|de" if born_in_germany else ""),
                "schulabschluss": school,
                "haushalt_id": household,
            }
        )
        return pid

    def case(
        self,
        prefix: str,
        client: str,
        service: str,
        kind: str,
        opened: datetime.date,
        closed: datetime.date | None,
        *,
        route: str = "",
        co_counselled: Sequence[str] = (),
    ) -> str:
        fid = self.next_id(prefix)
        index = self.numbers[prefix]
        self.rows["faelle"].append(
            {
                "fall_id": fid,
                "person_id": client,
                "dienst": service,
                "art": kind,
                "beginn": fmt(opened),
                "ende": fmt(closed),
                "zugangsweg": route,
                "abschlussgrund": REASONS[index % len(REASONS)] if closed else "",
                "mitberatene": "|".join(co_counselled),
            }
        )
        return fid

    def sessions(
        self,
        case: str,
        dates: Sequence[datetime.date],
        language: str,
        present: Mapping[int, Sequence[str]] | None = None,
    ) -> None:
        """One session per date; `present` maps a session's position to who else came."""
        for position, day in enumerate(dates):
            number = len(self.rows["kontakte"])
            self.rows["kontakte"].append(
                {
                    "fall_id": case,
                    "datum": fmt(day),
                    "dauer_min": str(30 + (number * 15) % 90),
                    "form": FORMS[number % len(FORMS)],
                    "themen": TOPICS[number % len(TOPICS)],
                    "anwesende": "|".join((present or {}).get(position, ())),
                    "sprache": language,
                    "dolmetsch": "ja" if number % 7 == 0 else "nein",
                }
            )

    def goal(
        self,
        case: str,
        area: str,
        agreed: datetime.date,
        status: str,
        status_on: datetime.date | None,
        text: str,
    ) -> None:
        self.rows["ziele"].append(
            {
                "ziel_id": self.next_id("Z"),
                "fall_id": case,
                "bereich": area,
                "formuliert_am": fmt(agreed),
                "status": status,
                "status_am": fmt(status_on),
                "text": text,
            }
        )

    def write(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for name, columns in COLUMNS.items():
            with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as file:
                writer = csv.DictWriter(file, columns, delimiter=";", lineterminator="\n")
                writer.writeheader()
                writer.writerows(self.rows[name])


# --------------------------------------------------------------------------------------
# Section 2.1.1: MBE and intercultural counselling (IKB), 2024 with the 2023 comparison
# --------------------------------------------------------------------------------------

MBE_CASES_2024 = 179  # seed line 259; one case per client (see CLIENTS_2024)
MBE_PERSONS_REACHED_2024 = 459  # seed line 261
MBE_SESSIONS_2024 = 654  # seed line 263
MBE_CASE_MANAGEMENT_2024 = 16  # seed line 263


DEFAULT_STATUS = {
    "UA": "gefluechtet",
    "RU": "spaetaussiedler",
    "KZ": "spaetaussiedler",
    "AF": "gefluechtet",
    "GH": "asyl_duldung",
    "SO": "gefluechtet",
    "XK": "niederlassung",
    "RS": "niederlassung",
    "BA": "niederlassung",
    "SY": "gefluechtet",
    "AM": "gefluechtet",
    "BY": "gefluechtet",
    "UZ": "gefluechtet",
    "RO": "eu",
    "PL": "eu",
    "IQ": "gefluechtet",
    "TR": "niederlassung",
    "IR": "gefluechtet",
    "BR": "eu",
}
