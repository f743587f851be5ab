"""Every programme figure against hand-computed values (definitions: programmes/figures.py
and docs/programmes.md).

The world, HIPPY (H) and E:DU (E), reporting year 2024 (366 days) and 2023 (365 days):

| family | members (origin: languages)     | enrolment                                   | home visits (minutes)                 |
|--------|---------------------------------|---------------------------------------------|---------------------------------------|
| F1     | SY: ar, ku; child SY: ar        | H 01.09.2023 – 30.06.2024 regular           | 10.10.2023 (45), 01.02.2024 (60), 05.05.2024 (30) |
| F2     | UA: uk, ru                      | H 01.03.2024 – open                         | 10.03.2024 (45), 31.12.2024 (50), 02.01.2025 (40) |
| F3     | AF: fa; DE: de                  | H 10.01.2022 – 01.01.2024 early, new baby   | 20.12.2023 (45), 01.01.2024 (45)      |
| F4     | TR: tr                          | E 01.05.2023 – 30.04.2024 early, change;    | E 02.04.2024 (60)                     |
|        |                                 | H 01.05.2024 – open (previous: the E one)   | H 15.05.2024 (45)                     |
| F5     | nothing known                   | H 31.12.2024 – open                         |                                       |
| F6     | IQ: ar                          | H 01.01.2021 – 31.12.2023 regular           | 01.06.2023 (40)                       |
| F7     | SY: ar                          | H 15.11.2023 – open (across the year end)   | 20.11.2023 (45), 10.01.2024 (45)      |
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from teilhabe.organisations.models import Organisation
from teilhabe.programmes import services
from teilhabe.programmes.figures import programme_figures, rounded
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme

pytestmark = pytest.mark.django_db
D = datetime.date
NO_REASONS = {reason.value: 0 for reason in EarlyEndReason}


def _family(organisation: Organisation, members: list[tuple[str, list[str]]]) -> tuple[Any, Any]:
    household, parent = services.create_family(
        organisation.pk,
        services.NewFamily(
            first_name="P",
            last_name="F",
            country_of_origin=members[0][0] if members else "",
            languages=members[0][1] if members else [],
        ),
    )
    for country, languages in members[1:]:
        household.members.create(
            organisation=organisation,
            first_name="M",
            last_name="F",
            country_of_origin=country,
            languages=languages,
        )
    return household, parent


def _enrol(
    programme: Programme,
    members: list[tuple[str, list[str]]],
    start: datetime.date,
    visits: list[tuple[datetime.date, int]],
    end: tuple[datetime.date, str, str] | None = None,
) -> Enrolment:
    household, parent = _family(programme.organisation, members)
    enrolment = services.enrol(
        programme=programme, household=household, contact_person=parent, start_date=start
    )
    for day, minutes in visits:
        services.record_visit(enrolment, date=day, duration_minutes=minutes)
    if end:
        services.end_enrolment(
            enrolment, expected_version=1, end_date=end[0], end_kind=end[1], end_reason=end[2]
        )
    return enrolment


@pytest.fixture
def world(hippy: Programme, edu: Programme) -> None:
    early, regular = EndKind.EARLY, EndKind.REGULAR
    _enrol(hippy, [("SY", ["ar", "ku"]), ("SY", ["ar"])], D(2023, 9, 1),
           [(D(2023, 10, 10), 45), (D(2024, 2, 1), 60), (D(2024, 5, 5), 30)],
           (D(2024, 6, 30), regular, ""))  # fmt: skip
    _enrol(hippy, [("UA", ["uk", "ru"])], D(2024, 3, 1),
           [(D(2024, 3, 10), 45), (D(2024, 12, 31), 50), (D(2025, 1, 2), 40)])  # fmt: skip
    _enrol(hippy, [("AF", ["fa"]), ("DE", ["de"])], D(2022, 1, 10),
           [(D(2023, 12, 20), 45), (D(2024, 1, 1), 45)],
           (D(2024, 1, 1), early, EarlyEndReason.NEW_BABY))  # fmt: skip
    f4 = _enrol(edu, [("TR", ["tr"])], D(2023, 5, 1), [(D(2024, 4, 2), 60)])
    f4_hippy = services.change_programme(
        f4, expected_version=1, target=hippy, start_date=D(2024, 5, 1)
    )
    services.record_visit(f4_hippy, date=D(2024, 5, 15), duration_minutes=45)
    _enrol(hippy, [], D(2024, 12, 31), [])
    _enrol(hippy, [("IQ", ["ar"])], D(2021, 1, 1), [(D(2023, 6, 1), 40)],
           (D(2023, 12, 31), regular, ""))  # fmt: skip
    _enrol(hippy, [("SY", ["ar"])], D(2023, 11, 15), [(D(2023, 11, 20), 45), (D(2024, 1, 10), 45)])


def test_rounding_is_half_up_and_exact() -> None:
    from fractions import Fraction

    assert rounded(Fraction(175, 4)) == 43.8  # 43.75
    assert rounded(Fraction(1665, 100)) == 16.7  # 16.65, which binary floats round down
    assert rounded(Fraction(1101, 366), 2) == 3.01
    assert rounded(None) is None


def test_hippy_2024(world: None, hippy: Programme) -> None:
    figures = programme_figures([hippy], 2024)
    expected: dict[str, Any] = {
        "jahr": 2024,
        # Active in 2024: F1, F2, F3 (ended on 1 January), F4 (H since May), F5 (from
        # 31 December), F7 (across the year end); not F6 (ended 31.12.2023).
        "familien": 6,
        # No H enrolment before 2024: F2, F4 (its E time is another programme), F5.
        "familien_neu": 3,
        "familien_laufend_jahresende": 4,  # F2, F4, F5, F7
        "programmwechsel_zugang": 1,  # F4
        "programmwechsel_abgang": 0,
        # F1 SY, F2 UA, F3 AF+DE, F4 TR, F5 -, F7 SY
        "herkunftslaender": {"SY": 2, "AF": 1, "DE": 1, "TR": 1, "UA": 1},
        "herkunftslaender_anzahl": 5,
        "herkunftslaender_ohne_de_anzahl": 4,
        "sprachen": {"ar": 2, "de": 1, "fa": 1, "ku": 1, "ru": 1, "tr": 1, "uk": 1},
        "sprachen_anzahl": 7,
        "stadtteile": {},  # nobody's district is known
        "unbekannt": {"herkunftslaender": 1, "sprachen": 1, "stadtteile": 6},  # F5
        # F1 01.02 + 05.05, F2 10.03 + 31.12 (not 02.01.2025), F3 01.01, F4 15.05 (its E
        # visit is E's), F7 10.01
        "hausbesuche": 7,
        "hausbesuche_minuten": 60 + 30 + 45 + 50 + 45 + 45 + 45,  # 320
        "hausbesuchende_anzahl": 0,  # no visitor named
        "hausbesuch_dauer_durchschnitt": 45.7,  # 320 / 7 = 45.71
        "hausbesuche_je_familie": 1.2,  # 7 / 6 = 1.17
        # Days in 2024: F1 182 (Jan-Jun), F2 306 (Mar-Dec), F3 1, F4 245 (May-Dec), F5 1,
        # F7 366 = 1101; 1101 / 366 = 3.008
        "familienjahre": 3.01,
        "hausbesuche_je_familienjahr": 2.3,  # 7 * 366 / 1101 = 2.327
        "beendet": 2,  # F1 regular, F3 early
        "beendet_regulaer": 1,
        "beendet_vorzeitig": 1,
        "abbruchgruende": {**NO_REASONS, "neues_baby": 1},
        # F1 01.09.2023-30.06.2024 = 304 days, F3 10.01.2022-01.01.2024 = 722 days;
        # (304 + 722) / 2 = 513 days / 30.4375 = 16.85 months
        "verweildauer_monate_durchschnitt": 16.9,
    }
    assert {key: figures[key] for key in expected} == expected
    assert list(figures["herkunftslaender"]) == ["SY", "AF", "DE", "TR", "UA"]  # largest first
    assert figures["programme"] == [{"id": hippy.pk, "name": "HIPPY", "dienst": "HIPPY"}]


def test_hippy_2023_is_the_previous_year(world: None, hippy: Programme) -> None:
    previous = programme_figures([hippy], 2024)["vorjahr"]
    assert "vorjahr" not in previous and "programme" not in previous
    expected: dict[str, Any] = {
        "jahr": 2023,
        "familien": 4,  # F1, F3, F6, F7
        "familien_neu": 2,  # F1, F7
        "familien_laufend_jahresende": 4,  # F6 ended on 31 December: still there that day
        "herkunftslaender": {"SY": 2, "AF": 1, "DE": 1, "IQ": 1},
        "hausbesuche": 4,  # 10.10 F1, 20.12 F3, 01.06 F6, 20.11 F7
        "hausbesuche_minuten": 175,
        "hausbesuch_dauer_durchschnitt": 43.8,  # 43.75, rounded half up
        "hausbesuche_je_familie": 1.0,
        # F1 122 (Sep-Dec), F3 365, F6 365, F7 47 (15.11.-31.12.) = 899 days
        "familienjahre": 2.46,  # 899 / 365 = 2.463
        "hausbesuche_je_familienjahr": 1.6,  # 4 * 365 / 899 = 1.62
        "beendet": 1,
        "beendet_regulaer": 1,
        "beendet_vorzeitig": 0,
        "abbruchgruende": NO_REASONS,
        "verweildauer_monate_durchschnitt": 36.0,  # F6: 1095 days / 30.4375 = 35.98
    }
    assert {key: previous[key] for key in expected} == expected


def test_both_programmes_count_a_family_that_changed_once(
    world: None, hippy: Programme, edu: Programme
) -> None:
    figures = programme_figures([hippy, edu], 2024)
    expected: dict[str, Any] = {
        "familien": 6,  # F4 once
        "familien_neu": 2,  # F2, F5: F4 started E in 2023
        "programmwechsel_zugang": 1,
        "programmwechsel_abgang": 1,  # F4's E enrolment went on to H
        "hausbesuche": 8,  # with F4's E visit
        # F4: E 01.01.-30.04. (121) + H 01.05.-31.12. (245) = 366; 1101 - 245 + 366 = 1222
        "familienjahre": 3.34,  # 1222 / 366 = 3.339
        "beendet": 3,
        "beendet_vorzeitig": 2,
        "abbruchgruende": {**NO_REASONS, "neues_baby": 1, "programmwechsel": 1},
        # F4's E enrolment 01.05.2023-30.04.2024 = 366 days; (304 + 722 + 366) / 3 = 464
        # days / 30.4375 = 15.24
        "verweildauer_monate_durchschnitt": 15.2,
    }
    assert {key: figures[key] for key in expected} == expected


def test_edu_alone(world: None, edu: Programme) -> None:
    figures = programme_figures([edu.pk], 2024)
    assert (figures["familien"], figures["familien_neu"], figures["hausbesuche"]) == (1, 0, 1)
    assert figures["familien_laufend_jahresende"] == 0
    assert figures["programmwechsel_abgang"] == 1
    assert figures["abbruchgruende"] == {**NO_REASONS, "programmwechsel": 1}
    assert figures["verweildauer_monate_durchschnitt"] == 12.0  # 366 / 30.4375 = 12.02


def test_an_empty_year_has_zeros_and_no_averages(world: None, hippy: Programme) -> None:
    figures = programme_figures([hippy], 2020)
    assert figures["familien"] == 0 and figures["hausbesuche"] == 0
    assert figures["hausbesuch_dauer_durchschnitt"] is None
    assert figures["hausbesuche_je_familie"] is None
    assert figures["hausbesuche_je_familienjahr"] is None
    assert figures["verweildauer_monate_durchschnitt"] is None
    assert figures["abbruchgruende"] == NO_REASONS
    json.dumps(figures)  # the JSON export takes it as it is


def test_keys_are_stable(world: None, hippy: Programme) -> None:
    figures = programme_figures([hippy], 2024)
    year_keys = {
        "jahr", "familien", "familien_neu", "familien_laufend_jahresende",
        "programmwechsel_zugang", "programmwechsel_abgang", "herkunftslaender",
        "herkunftslaender_anzahl", "herkunftslaender_ohne_de_anzahl", "sprachen",
        "sprachen_anzahl", "stadtteile", "unbekannt", "hausbesuche", "hausbesuche_minuten",
        "hausbesuchende_anzahl",
        "hausbesuch_dauer_durchschnitt", "hausbesuche_je_familie", "familienjahre",
        "hausbesuche_je_familienjahr", "beendet", "beendet_regulaer", "beendet_vorzeitig",
        "abbruchgruende", "verweildauer_monate_durchschnitt",
    }  # fmt: skip
    assert set(figures) == year_keys | {"programme", "vorjahr"}
    assert set(figures["vorjahr"]) == year_keys


def test_districts_and_home_visitors(hippy: Programme, coordinator: Any) -> None:
    from teilhabe.accounts.roles import Role
    from teilhabe.conftest import make_user
    from teilhabe.organisations.models import Area

    westhagen = Area.objects.create(code="W", name="Westhagen")
    mitte = Area.objects.create(code="M", name="Stadtmitte")
    second = make_user("besucherin", hippy.organisation, Role.PROGRAMME_COORDINATOR)
    enrolments = [_enrol(hippy, [("SY", ["ar"])], D(2024, 1, 1), []) for _ in range(3)]
    for enrolment, district in zip(enrolments, [westhagen, westhagen, None], strict=True):
        enrolment.household.members.update(district=district)
    enrolments[2].household.members.create(
        organisation=hippy.organisation, first_name="X", last_name="F", district=mitte
    )
    for enrolment, visitor in zip(enrolments, [coordinator, second, None], strict=True):
        services.record_visit(enrolment, date=D(2024, 3, 1), duration_minutes=45, visitor=visitor)
    services.record_visit(enrolments[0], date=D(2024, 3, 8), duration_minutes=45, visitor=second)
    figures = programme_figures([hippy], 2024)
    assert figures["stadtteile"] == {"Westhagen": 2, "Stadtmitte": 1}
    assert figures["unbekannt"]["stadtteile"] == 0
    assert figures["hausbesuchende_anzahl"] == 2
