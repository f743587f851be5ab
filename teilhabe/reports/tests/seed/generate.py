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
MBE_CM_SESSIONS = 8  # sessions of the year per case-management case

# The 179 clients of 2024 by country of origin and legal status. The seed's shares
# (lines 292-320, 324-332, 348) are given to half a percent; 179 clients is the only
# number up to 179 for which every one of them can be met, so each client has one case.
#   country shares: UA 73, RU 30, KZ 23, AF 18, African states 7 (GH 3, SO 4),
#   former Yugoslavia 7 (XK 3, RS 2, BA 2), SY 4, former Soviet states 5 (AM 2, BY 1,
#   UZ 2), EU 1 (RO), IQ 2, TR 1, IR 1, ER 4, further countries 3 (BR, VE, CO)
#   legal status: spaetaussiedler 50, gefluechtet 109, niederlassung 9, deutsch 5, eu 2,
#   asyl_duldung 4
CLIENTS_2024: tuple[tuple[str, str, int], ...] = (
    ("UA", "gefluechtet", 70),
    ("UA", "spaetaussiedler", 3),  # "Rechtskreiswechsel" (seed line 204)
    ("RU", "spaetaussiedler", 26),
    ("RU", "niederlassung", 2),
    ("RU", "deutsch", 2),
    ("KZ", "spaetaussiedler", 21),
    ("KZ", "deutsch", 2),
    ("AF", "gefluechtet", 16),
    ("AF", "asyl_duldung", 2),
    ("GH", "asyl_duldung", 2),
    ("GH", "niederlassung", 1),
    ("SO", "gefluechtet", 4),
    ("XK", "niederlassung", 2),
    ("XK", "gefluechtet", 1),
    ("RS", "niederlassung", 2),
    ("BA", "deutsch", 1),
    ("BA", "gefluechtet", 1),
    ("SY", "gefluechtet", 4),
    ("AM", "gefluechtet", 1),
    ("AM", "niederlassung", 1),
    ("BY", "gefluechtet", 1),
    ("UZ", "gefluechtet", 2),
    ("RO", "eu", 1),
    ("IQ", "gefluechtet", 2),
    ("TR", "niederlassung", 1),
    ("IR", "gefluechtet", 1),
    ("ER", "gefluechtet", 4),
    ("BR", "eu", 1),  # Brazilian origin, Portuguese citizen
    ("VE", "gefluechtet", 1),
    ("CO", "gefluechtet", 1),
)
WOMEN_2024 = 131  # 73.18 % (seed line 348: 73 %); the other 48 are men
# Seed line 393: the only label of the district chart, 53 %, the Westhagen slice. The
# other slices carry no number in the text; their counts here are made up.
DISTRICTS_2024 = (
    ("Westhagen", 95),
    ("Detmerode", 24),
    ("Stadtmitte", 19),
    ("Laagberg", 15),
    ("Hageberg", 11),
    ("Vorsfelde", 8),
    ("Fallersleben", 7),
)

# Clients of 2023 by country of origin (seed lines 292-316, the values in brackets): 180
# clients. Eritrea and the further countries have no 2023 value; the 0.5 % the stated
# ones leave is one client from Brazil.
COUNTRIES_2023 = {
    "UA": 61,
    "RU": 38,
    "KZ": 24,
    "AF": 23,
    "GH": 3,
    "SO": 4,
    "XK": 5,
    "RS": 3,
    "BA": 3,
    "SY": 4,
    "AM": 2,
    "BY": 1,
    "UZ": 2,
    "RO": 1,
    "PL": 1,
    "IQ": 2,
    "TR": 1,
    "IR": 1,
    "BR": 1,
}
# Of those, clients whose case began in 2023 and is still active in 2024 (they count in
# both years); the others' cases ended in 2023.
CARRIED_OVER = {
    "UA": 30,
    "RU": 20,
    "KZ": 12,
    "AF": 9,
    "GH": 1,
    "SO": 2,
    "XK": 2,
    "RS": 1,
    "BA": 1,
    "SY": 2,
    "AM": 1,
    "UZ": 1,
    "IQ": 1,
    "TR": 1,
    "IR": 1,
    "BR": 1,
}
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
# Co-counselled family members per 2024 client, repeating; the rest of the 280 persons
# reached besides the clients come to a session of the year without being co-counselled.
FAMILY_PATTERN = (2, 0, 1, 3, 1, 0, 2, 1, 0)


def _nationality(country: str, status: str) -> str:
    if status in ("spaetaussiedler", "deutsch"):
        return f"DE|{country}"
    if country == "BR":
        return "PT|BR"
    return country


def _arrival(country: str, status: str, index: int) -> datetime.date:
    if country == "UA" or status == "asyl_duldung":  # Ukrainians since the war
        return D(2022, 3, 1) + DAY * ((index * 23) % 900)
    if status == "gefluechtet":
        return D(2016, 1, 15) + DAY * ((index * 97) % 2900)
    if status == "spaetaussiedler":
        return D(1992, 5, 1) + DAY * ((index * 389) % 11000)
    return D(2004, 9, 1) + DAY * ((index * 211) % 5000)


@dataclass
class Client:
    pid: str
    country: str
    status: str
    district: str
    household: str


def _mbe_client(
    tables: Tables, index: int, country: str, status: str, gender: str, district: str
) -> Client:
    household = f"H{index + 1:04d}"
    pid = tables.person(
        "P",
        gender=gender,
        birth_year=1946 + (index * 7) % 51,  # all over 27
        country=country,
        legal_status=status,
        district=district,
        arrival=_arrival(country, status, index),
        nationality=_nationality(country, status),
        school=SCHOOL[index % len(SCHOOL)],
        household=household,
    )
    return Client(pid, country, status, district, household)


def _relative(tables: Tables, client: Client) -> str:
    """A family member of a client (spouse or child), who is not a client."""
    number = len(tables.rows["personen"])
    child = number % 2 == 1
    return tables.person(
        "P",
        gender="m" if number % 3 == 0 else "w",
        birth_year=2008 + number % 12 if child else 1960 + number % 35,
        country=client.country,
        legal_status=client.status,
        district=client.district,
        arrival=None if child and number % 4 == 1 else D(2022, 6, 1),
        nationality=_nationality(client.country, client.status),
        household=client.household,
        born_in_germany=child and number % 4 == 1,
    )


def write_mbe_2024(folder: Path) -> None:
    """personen/faelle/kontakte/ziele.csv for the MBE and IKB cases of section 2.1.1."""
    tables = Tables()
    rows = [(country, status) for country, status, count in CLIENTS_2024 for _ in range(count)]
    assert len(rows) == MBE_CASES_2024
    men = [spread(MBE_CASES_2024 - WOMEN_2024, MBE_CASES_2024, i) for i in range(len(rows))]
    districts = list(scatter(expand(DISTRICTS_2024), 73))
    clients = [
        _mbe_client(tables, i, country, status, "m" if men[i] else "w", districts[i])
        for i, (country, status) in enumerate(rows)
    ]

    # Which 2024 clients began in 2023: the first CARRIED_OVER[country] of each country.
    carried: set[int] = set()
    for country, count in CARRIED_OVER.items():
        of_country = [i for i, client in enumerate(clients) if client.country == country]
        assert count <= min(len(of_country), COUNTRIES_2023[country]), country
        carried.update(of_country[:count])

    case_management = [i for i in range(len(clients)) if i % 11 == 5]
    assert len(case_management) == MBE_CASE_MANAGEMENT_2024
    counselling = [i for i in range(len(clients)) if i not in case_management]
    extra_sessions = (
        MBE_SESSIONS_2024 - MBE_CM_SESSIONS * len(case_management) - 3 * len(counselling)
    )
    co_counselled_total = sum(FAMILY_PATTERN[i % len(FAMILY_PATTERN)] for i in range(len(clients)))
    present_only_total = MBE_PERSONS_REACHED_2024 - len(clients) - co_counselled_total
    assert extra_sessions >= 0 and present_only_total >= 0
    spouses = {i + 1 for i in range(10, len(clients) - 1, 20)}  # also clients themselves

    for i, client in enumerate(clients):
        language = LANGUAGES[client.country].split("|")[0]
        if i in carried:
            opened = D(2023, 2, 1) + DAY * ((i * 5) % 280)
            closed = D(2024, 3, 1) + DAY * ((i * 7) % 200) if i % 3 == 0 else None
        else:
            opened = D(2024, 1, 8) + DAY * ((i * 3) % 250)
            closed = opened + DAY * 90 if i % 4 == 1 else None
        family = [_relative(tables, client) for _ in range(FAMILY_PATTERN[i % len(FAMILY_PATTERN)])]
        co_counselled = family + ([clients[i + 1].pid] if i + 1 in spouses else [])
        is_cm = i in case_management
        fid = tables.case(
            "F",
            client.pid,
            "MBE" if is_cm or i % 3 == 0 else "IKB",
            "case_management" if is_cm else "beratung",
            opened,
            closed,
            route=ROUTES[i % len(ROUTES)],
            co_counselled=co_counselled,
        )
        # Sessions of 2024; who else came: the first co-counselled relative to the first
        # session (counted once), and a relative who is only ever present.
        present: dict[int, list[str]] = {0: family[:1]}
        if spread(present_only_total, len(clients), i):
            present.setdefault(1, []).append(_relative(tables, client))
        count = (
            MBE_CM_SESSIONS
            if is_cm
            else 3 + spread(extra_sessions, len(counselling), counselling.index(i))
        )
        start, end = max(opened, D(2024, 1, 2)), min(closed or D(2024, 12, 31), D(2024, 12, 31))
        tables.sessions(fid, days_between(start, end, count), language, present)
        if i in carried:
            # Sessions of 2023 do not count for 2024, nor does who came only to them.
            earlier: dict[int, Sequence[str]] = {}
            if i % 5 == 0:
                earlier[1] = [_relative(tables, client)]
            tables.sessions(fid, days_between(opened, D(2023, 12, 20), 2), language, earlier)
        if is_cm:
            agreed = start
            tables.goal(fid, "sprachlich", agreed, "erreicht", agreed + DAY * 60, "B1-Kurs")
            tables.goal(fid, "beruflich", agreed, "in_bearbeitung", None, "Anerkennung")
        if i % 30 == 7:
            # An earlier case of the same client, closed in 2022: active in neither year.
            old = tables.case("F", client.pid, "MBE", "beratung", D(2021, 5, 3), D(2022, 6, 30))
            tables.sessions(old, [D(2021, 5, 3), D(2022, 6, 30)], language)

    # 2023: clients whose case ended in 2023 (started in 2022 or 2023).
    number = 0
    for country, total in COUNTRIES_2023.items():
        for _ in range(total - CARRIED_OVER.get(country, 0)):
            index = len(clients) + number
            client = _mbe_client(
                tables,
                index,
                country,
                DEFAULT_STATUS[country],
                "m" if number % 3 == 0 else "w",
                DISTRICTS[number % len(DISTRICTS)],
            )
            opened = (
                D(2022, 9, 1) + DAY * ((number * 3) % 100)
                if number % 4 == 0
                else D(2023, 1, 9) + DAY * ((number * 3) % 200)
            )
            closed = min(
                max(opened + DAY * 45, D(2023, 2, 1) + DAY * ((number * 13) % 300)),
                D(2023, 12, 31),
            )
            family = [_relative(tables, client)] if number % 3 == 0 else []
            fid = tables.case(
                "F",
                client.pid,
                "MBE" if number % 12 == 0 or number % 3 == 1 else "IKB",
                "case_management" if number % 12 == 0 else "beratung",
                opened,
                closed,
                route=ROUTES[number % len(ROUTES)],
                co_counselled=family,
            )
            language = LANGUAGES[country].split("|")[0]
            tables.sessions(fid, days_between(max(opened, D(2023, 1, 1)), closed, 3), language)
            number += 1

    # Out of scope: three young people in the Jugendmigrationsdienst of the same
    # organisation, children of 2024 clients, each with a sibling co-counselled.
    for j in range(3):
        parent = clients[40 + j]
        youth = tables.person(
            "P",
            gender="m",
            birth_year=2004 + j,
            country=parent.country,
            legal_status=parent.status,
            district=parent.district,
            arrival=D(2022, 4, 1),
            household=parent.household,
        )
        sibling = _relative(tables, parent)
        fid = tables.case(
            "F", youth, "JMD", "beratung", D(2024, 4, 2), None, co_counselled=[sibling]
        )
        tables.sessions(fid, [D(2024, 4, 2), D(2024, 6, 4)], "de", {1: [parent.pid]})

    tables.write(folder)


# --------------------------------------------------------------------------------------
# Section 2.2.1: Jugendmigrationsdienst (JMD), 2024 with the 2023 comparison
# --------------------------------------------------------------------------------------

# Seed lines: 2024: 373 young people (l. 977), 155 of them in case management (l. 1003)
# and 264 in counselling (l. 989), so 46 had a counselling case first and then case
# management. 2023: 412 (373 is 9.47 % fewer, l. 971), 158 in case management ("-3
# CM-Fälle", l. 1007), 254 in counselling ("+10 Beratungs-Fälle", l. 997-999).
# Ages (the engine's groups, l. 979-985): 2024 15-18 90 = 24.13 %, 19-27 227 = 60.86 %;
# 2023 15-18 80 = 19.42 % (24.13 - 4.71), 19-27 298 = 72.33 % (60.86 + 11.47). Counselling
# alone, 19-27: 145 of 264 = 54.92 % (l. 991), 2023 172 of 254 = 67.72 % (+12.80, l. 993).
# The 12-14 year olds are the rest; the seed has no number for them.
JMD_AGES: dict[str, tuple[tuple[str, int], ...]] = {
    "cm_carried": (("19-27", 75), ("15-18", 25)),  # case management 2023 into 2024
    "cm_new": (("19-27", 7), ("15-18", 2)),  # case management begun in 2024
    "cm_after_counselling": (("19-27", 42), ("15-18", 4)),  # counselling, then CM, 2024
    "counselling_carried": (("19-27", 10), ("15-18", 6), ("12-14", 4)),  # 2023 into 2024
    "counselling_2024": (("19-27", 93), ("15-18", 53), ("12-14", 52)),
    "cm_2023": (("19-27", 51), ("15-18", 7)),  # ended in 2023
    "counselling_2023": (("19-27", 162), ("15-18", 42), ("12-14", 30)),
}
AGE_BIRTH_YEARS = {"19-27": (1998, 7), "15-18": (2007, 2), "12-14": (2011, 1)}  # first, span
JMD_SESSIONS = {2023: 1151, 2024: 1223}  # l. 965-967: 1223, "72 mehr als im Vorjahr"
JMD_CM_ENDED_2024 = 46  # l. 1007-1009

# The 155 case-management cases of 2024. Access routes, l. 1036-1040: family 39 %, friends
# 16 %, then MBE 11 %; counselling cases carry no access route.
JMD_ROUTES = (
    ("familie", 60),
    ("freunde", 25),
    ("mbe", 17),
    ("schule", 15),
    ("sprachkurs", 12),
    ("jobcenter", 10),
    ("eigeninitiative", 8),
    ("jugendamt", 5),
    ("sonstige", 3),
)
# Goals of the year, l. 1017-1031: 551; 248 vocational, 100 social, 77 school, the rest in
# areas the seed does not name; 54.81 % (302) still in progress at the end of the year.
JMD_GOAL_AREAS = (
    ("beruflich", 248),
    ("sozial", 100),
    ("schulisch", 77),
    ("sprachlich", 60),
    ("wohnen", 25),
    ("gesundheitlich", 18),
    ("finanziell", 13),
    ("aufenthaltsrechtlich", 10),
)
JMD_GOAL_STATUSES = (
    ("in_bearbeitung", 302),
    ("erreicht", 130),
    ("teilweise_erreicht", 50),
    ("nicht_erreicht", 30),
    ("abgebrochen", 39),
)
# Case management only, which the engine cannot single out (its shares are over all the
# service's clients); the data set follows the seed anyway: l. 1007 (60.65 % men),
# l. 1044-1058 (nationalities, 33 in all), l. 1062-1068 (stay), l. 1074-1082 (school).
JMD_CM_MEN = 94
JMD_CM_NATIONALITIES = (
    ("SY", 47),
    ("DE", 26),
    ("AF", 17),
    ("IQ", 11),
    ("UA", 10),
    ("XK", 5),
    *((code, 2) for code in ("TR", "RU", "ER", "SO", "IR", "PL", "RO", "BG", "GR", "IT")),
    *((code, 2) for code in ("KZ", "MA")),
    *((code, 1) for code in ("GN", "NG", "GH", "ET", "LB", "PK", "IN", "VN", "AL", "RS")),
    *((code, 1) for code in ("MK", "BA", "EG", "AM", "GE")),
)
JMD_CM_STAY = (("unter_2", 39), ("2_bis_5", 29), ("in_deutschland_geboren", 30), ("ab_5", 57))
JMD_CM_SCHOOL = (("sek1", 52), ("sek2", 16), ("keiner", 46), ("in_schule", 38), ("unbekannt", 3))
ORIGIN_OF_GERMANS = ("TR", "RU", "KZ", "PL", "SY", "LB")
LANGUAGES.update(
    {
        "AL": "sq",
        "MK": "mk",
        "EG": "ar",
        "LB": "ar",
        "MA": "ar",
        "GN": "fr",
        "NG": "en",
        "ET": "am",
        "PK": "ur",
        "IN": "hi",
        "VN": "vi",
        "GE": "ka",
        "BG": "bg",
        "GR": "el",
        "IT": "it",
    }
)
YEARS_BEFORE_FIRST_CASE = {"unter_2": 1, "2_bis_5": 3, "ab_5": 8}


@dataclass
class JmdCase:
    fid: str
    opened: datetime.date
    closed: datetime.date | None
    sessions: dict[int, int]  # sessions per year before the rest is spread
    takes_rest: int | None = None  # the year whose remaining sessions it shares


@dataclass
class JmdWriter:
    tables: Tables = field(default_factory=Tables)
    cases: list[JmdCase] = field(default_factory=list)
    goal_cases: list[JmdCase] = field(default_factory=list)
    people: int = 0
    cm_2024: int = 0

    def __post_init__(self) -> None:
        self.nationalities = list(scatter(expand(JMD_CM_NATIONALITIES), 7))
        self.stays = list(scatter(expand(JMD_CM_STAY), 11))
        self.schools = list(scatter(expand(JMD_CM_SCHOOL), 13))
        self.routes = list(scatter(expand(JMD_ROUTES), 3))
        self.other_nationalities = [code for code, _count in JMD_CM_NATIONALITIES]

    def young_person(self, age: str, first_case: datetime.date, cm_2024: bool) -> str:
        """A client; those in case management in 2024 take the seed's attributes in turn."""
        n = self.people
        self.people += 1
        if cm_2024:
            k = self.cm_2024
            nationality, stay, school = self.nationalities[k], self.stays[k], self.schools[k]
            gender = "m" if spread(JMD_CM_MEN, 155, k) else "w"
        else:
            nationality = self.other_nationalities[n % len(self.other_nationalities)]
            stay = ("unter_2", "2_bis_5", "ab_5", "in_deutschland_geboren")[n % 4]
            school = "in_schule" if age == "12-14" else SCHOOL[n % len(SCHOOL)]
            gender = "m" if n % 5 < 3 else "w"
        country = ORIGIN_OF_GERMANS[n % 6] if nationality == "DE" else nationality
        first_year, span = AGE_BIRTH_YEARS[age]
        years = YEARS_BEFORE_FIRST_CASE.get(stay, 0)
        return self.tables.person(
            "JP",
            gender=gender,
            birth_year=first_year + n % span,
            country=country,
            legal_status=(
                "deutsch" if nationality == "DE" else DEFAULT_STATUS.get(country, "gefluechtet")
            ),
            district=DISTRICTS[n % len(DISTRICTS)] if n % 9 else "",  # "": Kreis Gifhorn
            arrival=first_case - DAY * (365 * years + 30),
            nationality=nationality,
            school=school,
            born_in_germany=stay == "in_deutschland_geboren",
        )

    def case(
        self,
        client: str,
        kind: str,
        opened: datetime.date,
        closed: datetime.date | None,
        sessions: dict[int, int],
        *,
        route: str = "",
        takes_rest: int | None = None,
    ) -> JmdCase:
        fid = self.tables.case("JF", client, "JMD", kind, opened, closed, route=route)
        case = JmdCase(fid, opened, closed, sessions, takes_rest)
        self.cases.append(case)
        return case

    def case_management_2024(
        self,
        client: str,
        opened: datetime.date,
        closed: datetime.date | None,
        sessions: dict[int, int],
    ) -> JmdCase:
        case = self.case(
            client, "case_management", opened, closed, sessions, route=self.routes[self.cm_2024]
        )
        self.cm_2024 += 1
        self.goal_cases.append(case)
        return case

    def write_sessions(self) -> None:
        for year in (2022, 2023, 2024):
            first, last = D(year, 1, 1), D(year, 12, 31)
            based = [case for case in self.cases if case.sessions.get(year)]
            sharing = [case for case in self.cases if case.takes_rest == year]
            rest = 0
            if year in JMD_SESSIONS:
                rest = JMD_SESSIONS[year] - sum(case.sessions[year] for case in based)
            assert rest >= 0, (year, rest)
            for case in self.cases:
                count = case.sessions.get(year, 0)
                if case in sharing:
                    count += spread(rest, len(sharing), sharing.index(case))
                if count:
                    start, end = max(case.opened, first + DAY), min(case.closed or last, last)
                    assert start <= end, case
                    self.tables.sessions(case.fid, days_between(start, end, count), "de")

    def write_goals(self) -> None:
        """The goals of the year 2024 on the case-management cases of 2024."""
        areas = list(scatter(expand(JMD_GOAL_AREAS), 7))
        statuses = list(scatter(expand(JMD_GOAL_STATUSES), 11))
        total = len(areas)
        per_case = total - 3 * len(self.goal_cases)
        n = 0
        for k, case in enumerate(self.goal_cases):
            end = min(case.closed or D(2024, 12, 31), D(2024, 12, 31))
            for g in range(3 + spread(per_case, len(self.goal_cases), k)):
                agreed = case.opened + DAY * (14 + 10 * g)
                status, status_on = statuses[n], None
                if status != "in_bearbeitung":
                    start = max(agreed, D(2024, 1, 1))
                    status_on = start + (end - start) * (n % 7 + 1) // 8
                elif case.closed is None and n % 10 == 3:
                    # reached only after the year end: in progress on 31.12.2024
                    status, status_on = "erreicht", D(2025, 2, 3) + DAY * (n % 50)
                self.tables.goal(case.fid, areas[n], agreed, status, status_on, "Förderplan")
                n += 1
        assert n == total


def write_jmd_2024(folder: Path) -> None:
    """personen/faelle/kontakte/ziele.csv for the JMD cases of section 2.2.1."""
    w = JmdWriter()
    for i, age in enumerate(expand(JMD_AGES["cm_carried"])):
        opened = D(2023, 1, 16) + DAY * ((i * 37) % 300)
        closed = D(2024, 2, 1) + DAY * ((i * 5) % 300) if i < JMD_CM_ENDED_2024 else None
        case = w.case_management_2024(
            w.young_person(age, opened, cm_2024=True), opened, closed, {2023: 4, 2024: 5}
        )
        if i % 4 == 0:  # a goal reached in 2023: not a goal of the year 2024
            agreed = opened + DAY * 7
            reached = min(opened + DAY * 60, D(2023, 12, 15))
            w.tables.goal(case.fid, "sprachlich", agreed, "erreicht", reached, "A2-Kurs")
    for i, age in enumerate(expand(JMD_AGES["cm_new"])):
        opened = D(2024, 1, 10) + DAY * ((i * 37) % 280)
        case = w.case_management_2024(
            w.young_person(age, opened, cm_2024=True), opened, None, {2024: 5}
        )
        if i == 0:  # agreed after the year end: not a goal of the year 2024
            w.tables.goal(case.fid, "wohnen", D(2025, 1, 15), "in_bearbeitung", None, "Wohnung")
    for i, age in enumerate(expand(JMD_AGES["cm_after_counselling"])):
        counselled = D(2024, 1, 3) + DAY * ((i * 37) % 200)
        opened = counselled + DAY * 60
        client = w.young_person(age, counselled, cm_2024=True)
        w.case(client, "beratung", counselled, opened, {2024: 1}, takes_rest=2024)
        w.case_management_2024(client, opened, None, {2024: 5})
    for i, age in enumerate(expand(JMD_AGES["counselling_carried"])):
        opened = D(2023, 11, 6) + DAY * ((i * 37) % 50)
        closed = D(2024, 1, 8) + DAY * ((i * 3) % 40)
        client = w.young_person(age, opened, cm_2024=False)
        w.case(client, "beratung", opened, closed, {2023: 1, 2024: 1}, takes_rest=2024)
    for i, age in enumerate(expand(JMD_AGES["counselling_2024"])):
        opened = D(2024, 1, 3) + DAY * ((i * 37) % 330)
        client = w.young_person(age, opened, cm_2024=False)
        w.case(client, "beratung", opened, opened + DAY * 21, {2024: 1}, takes_rest=2024)
    for i, age in enumerate(expand(JMD_AGES["cm_2023"])):
        opened = D(2022, 9, 5) + DAY * ((i * 37) % 300)
        closed = max(opened + DAY * 120, D(2023, 1, 20))
        client = w.young_person(age, opened, cm_2024=False)
        case = w.case(client, "case_management", opened, closed, {2023: 4}, route=ROUTES[i % 5])
        w.tables.goal(case.fid, "beruflich", opened + DAY * 14, "erreicht", closed, "Ausbildung")
    for i, age in enumerate(expand(JMD_AGES["counselling_2023"])):
        if i % 15 == 0:  # begun in December 2022; that session counts for neither year
            opened, closed, sessions = D(2022, 12, 5), D(2023, 1, 24), {2022: 1, 2023: 2}
        else:
            opened = D(2023, 1, 2) + DAY * ((i * 37) % 330)
            closed, sessions = opened + DAY * 21, {2023: 2}
        client = w.young_person(age, opened, cm_2024=False)
        w.case(client, "beratung", opened, closed, sessions, takes_rest=2023)
    assert w.cm_2024 == 155
    w.write_sessions()
    w.write_goals()
    w.tables.write(folder)
