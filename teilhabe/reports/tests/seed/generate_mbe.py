"""Synthetic casework data (shared/formats/casework-import.md) that reproduces the figures
of the seed annual report (shared/seeds/000_0d44d3a6fb052291.txt).

`write_mbe_2024` builds section 2.1.1 (MBE and intercultural counselling, 2024 with the
2023 comparison), `write_jmd_2024` section 2.2.1 (Jugendmigrationsdienst). Everything is
derived from the constants below and the position of a row; there is no randomness, so
the same files come out on every run.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from teilhabe.reports.tests.seed.tables import (
    DAY,
    DEFAULT_STATUS,
    DISTRICTS,
    LANGUAGES,
    MBE_CASE_MANAGEMENT_2024,
    MBE_CASES_2024,
    MBE_PERSONS_REACHED_2024,
    MBE_SESSIONS_2024,
    ROUTES,
    SCHOOL,
    D,
    Tables,
    days_between,
    expand,
    scatter,
    spread,
)

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
