"""A HIPPY programme whose 2024 figures are those of the seed annual report, section
2.1.2 (shared/seeds/000_0d44d3a6fb052291.txt, "l. N" is line N there).

Everything is derived from the tables below and the position of a family; there is no
randomness. The data go through the services a coordinator's clicks go through.

The 37 families of 2024 (l. 460) are
- 12 that completed the programme on 31.07.2024, before school (l. 488-490): 8 started
  on 01.08.2022, 4 on 01.08.2023;
- 7 that ended early (l. 490-498): 3 new babies, 2 changes of programme (to E:DU, through
  the change-of-programme path), 2 without further interest, after 393 to 520 days;
- 18 still taking part at the year end: 6 since 01.09.2023, 11 since 01.08.2024, and one
  since 17.02.2024.

Time in programme (l. 498-500, "achtzehn Monate"): the 19 ends last 8 x 731 + 4 x 366 +
3098 = 10410 days, 547.9 days each, 18.0 months of 30.4375 days.

Home visits (l. 536-539): 616, spread over the families in proportion to their days in
the programme in 2024; 45, 40 and 50 minutes in turn (616 = 3 x 205 + 1, the extra one 45
minutes, so exactly 45 on average); by two home visitors (l. 611). The families took part
on 8052 days of 2024's 366, 22.0 family-years: 616 / 22 = 28 visits a year for a family
that takes part all year (l. 538, "Im Durchschnitt wurde eine Familie 28-mal im Verlauf
des Jahres besucht"; 616 / 37 families would be 16.6).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import cycle

from teilhabe.accounts.roles import Role
from teilhabe.accounts.services import add_membership, create_user
from teilhabe.organisations.models import Area, Organisation
from teilhabe.programmes import services
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme
from teilhabe.programmes.tests.world import programme_of

D = datetime.date
YEAR_START, YEAR_END = D(2024, 1, 1), D(2024, 12, 31)
HOME_VISITS = 616
MINUTES = (45, 40, 50)

# l. 472-474: the countries of origin as the seed lists them (Palästina twice), with the
# number of families and the languages spoken in them; 14 languages in all (l. 476-478).
ORIGINS: list[tuple[str, int, list[list[str]]]] = [
    ("SY", 9, [["ar", "ku"], ["ar", "ku"], ["ar"]]),
    ("AF", 4, [["fa"], ["ps"]]),
    ("UA", 4, [["uk", "ru"], ["uk"]]),
    ("RU", 3, [["ru"]]),
    ("KZ", 3, [["kk", "ru"], ["ru"]]),
    ("XK", 2, [["sq"]]),
    ("IR", 2, [["fa"]]),
    ("DE", 2, [["de"]]),
    ("PS", 2, [["ar"]]),
    ("IN", 2, [["hi"]]),
    ("GM", 1, [["wo"]]),
    ("KG", 1, [["ky"]]),
    ("MX", 1, [["es"]]),
    ("MD", 1, [["ro"]]),
]
# l. 460-465: twelve districts; "mit knapp 49 %" in Westhagen (18 of 37 = 48.6 %).
DISTRICTS: list[tuple[str, int]] = [
    ("Westhagen", 18),
    ("Detmerode", 4),
    ("Stadtmitte", 3),
    ("Hageberg", 2),
    ("Kreuzheide", 2),
    ("Teichbreite", 2),
    ("Wohltberg", 1),
    ("Hellwinkel", 1),
    ("Sandkamp", 1),
    ("Ehmen", 1),
    ("Neustadt", 1),
    ("Tiergartenbreite", 1),
]
# (days in the programme, last day, reason) of the seven early ends (l. 490-498).
EARLY_ENDS: list[tuple[int, datetime.date, EarlyEndReason]] = [
    (520, D(2024, 2, 15), EarlyEndReason.NEW_BABY),
    (480, D(2024, 3, 20), EarlyEndReason.NO_INTEREST),
    (455, D(2024, 4, 30), EarlyEndReason.CHANGE_OF_PROGRAMME),
    (430, D(2024, 5, 31), EarlyEndReason.NEW_BABY),
    (420, D(2024, 9, 30), EarlyEndReason.NO_INTEREST),
    (400, D(2024, 10, 31), EarlyEndReason.CHANGE_OF_PROGRAMME),
    (393, D(2024, 11, 15), EarlyEndReason.NEW_BABY),
]
REGULAR_END = D(2024, 7, 31)
REGULAR_STARTS = [D(2022, 8, 1)] * 8 + [D(2023, 8, 1)] * 4
RUNNING_STARTS = [D(2023, 9, 1)] * 6 + [D(2024, 8, 1)] * 11 + [D(2024, 2, 17)]


@dataclass(frozen=True)
class Family:
    start: datetime.date
    end: datetime.date | None = None
    reason: EarlyEndReason | None = None  # None with an end: completed regularly


def families() -> list[Family]:
    regular = [Family(start, REGULAR_END) for start in REGULAR_STARTS]
    early = [
        Family(end - datetime.timedelta(days=days - 1), end, reason)
        for days, end, reason in EARLY_ENDS
    ]
    return regular + early + [Family(start) for start in RUNNING_STARTS]


def days_in_2024(family: Family) -> int:
    return (min(family.end or YEAR_END, YEAR_END) - max(family.start, YEAR_START)).days + 1


def visits_per_family(plan: list[Family]) -> list[int]:
    """616 visits in proportion to the days in 2024, by largest remainder."""
    days = [days_in_2024(family) for family in plan]
    total = sum(days)
    exact = [HOME_VISITS * d / total for d in days]
    counts = [int(share) for share in exact]
    by_remainder = sorted(range(len(plan)), key=lambda i: (-(exact[i] - counts[i]), i))
    for index in by_remainder[: HOME_VISITS - sum(counts)]:
        counts[index] += 1
    return counts


def _expand(table: list[tuple[str, int]]) -> list[str]:
    return [value for value, count in table for _ in range(count)]


def build_hippy_2024(organisation: Organisation) -> Programme:
    hippy = programme_of(organisation, "HIPPY", "HIPPY")
    edu = programme_of(organisation, "EDU", "E:DU")
    visitors = []
    for number in (1, 2):
        visitor = create_user(
            username=f"familienbesucherin{number}",
            first_name="Familien",
            last_name=f"Besuch {number}",
        )
        add_membership(visitor, organisation, Role.PROGRAMME_COORDINATOR)
        visitors.append(visitor)
    areas = {
        name: Area.objects.get_or_create(code=f"SEED-{index:02d}", defaults={"name": name})[0]
        for index, (name, _count) in enumerate(DISTRICTS)
    }
    origins = [
        (country, languages[number % len(languages)])
        for country, count, languages in ORIGINS
        for number in range(count)
    ]
    districts = _expand(DISTRICTS)
    plan = families()
    minutes = cycle(MINUTES)
    for number, (family, visits) in enumerate(zip(plan, visits_per_family(plan), strict=True)):
        country, languages = origins[number]
        household, mother = services.create_family(
            organisation.pk,
            services.NewFamily(
                first_name="Mutter",
                last_name=f"HIPPY-{number + 1:02d}",
                gender="w",
                country_of_origin=country,
                languages=languages,
                child_first_name="Kind",
                child_birth_year=2020,
            ),
        )
        household.members.update(district=areas[districts[number]])
        visitor = visitors[number % 2]
        enrolment = services.enrol(
            programme=hippy,
            household=household,
            contact_person=mother,
            start_date=family.start,
            home_visitor=visitor,
        )
        _visit(enrolment, family, visits, visitor, minutes)
        _end(enrolment, family, edu)
    return hippy


def _visit(
    enrolment: Enrolment, family: Family, count: int, visitor: object, minutes: cycle[int]
) -> None:
    first = max(family.start, YEAR_START)
    span = days_in_2024(family)
    for index in range(count):
        day = first + datetime.timedelta(days=index * span // count)
        services.record_visit(
            enrolment,
            date=day,
            duration_minutes=next(minutes),
            visitor=visitor,
            material_unit=index % 60 + 1,
        )


def _end(enrolment: Enrolment, family: Family, edu: Programme) -> None:
    if family.end is None:
        return
    if family.reason == EarlyEndReason.CHANGE_OF_PROGRAMME:
        services.change_programme(
            enrolment,
            expected_version=enrolment.version,
            target=edu,
            start_date=family.end + datetime.timedelta(days=1),
        )
        return
    services.end_enrolment(
        enrolment,
        expected_version=enrolment.version,
        end_date=family.end,
        end_kind=EndKind.EARLY if family.reason else EndKind.REGULAR,
        end_reason=family.reason or "",
    )
