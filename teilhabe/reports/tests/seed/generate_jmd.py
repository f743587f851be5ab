"""Synthetic casework data (shared/formats/casework-import.md) that reproduces the figures
of the seed annual report (shared/seeds/000_0d44d3a6fb052291.txt).

`write_mbe_2024` builds section 2.1.1 (MBE and intercultural counselling, 2024 with the
2023 comparison), `write_jmd_2024` section 2.2.1 (Jugendmigrationsdienst). Everything is
derived from the constants below and the position of a row; there is no randomness, so
the same files come out on every run.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from teilhabe.reports.tests.seed.tables import (
    DAY,
    DEFAULT_STATUS,
    DISTRICTS,
    LANGUAGES,
    ROUTES,
    SCHOOL,
    D,
    Tables,
    days_between,
    expand,
    scatter,
    spread,
)

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
