"""Every figure of annual-report.md for two years, on a data set built by hand, with the
expectation computed by hand (see the comments)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.casework.models import Case, Goal, GoalStatusChange, Person, Session
from teilhabe.organisations.models import Area, Service
from teilhabe.organisations.services import create_organisation
from teilhabe.reports.figures import Scope, annual_figures

pytestmark = pytest.mark.django_db
D = datetime.date


def build() -> Scope:
    org = create_organisation("diakonie", "Diakonie", ["MBE", "IKB", "JMD"])
    north = Area.objects.create(code="N", name="Nord")
    south = Area.objects.create(code="S", name="Süd")

    def person(**fields: Any) -> Person:
        return Person.objects.create(organisation=org, **fields)

    a = person(
        first_name="A",
        gender="w",
        birth_year=1980,
        nationalities=["UA"],
        country_of_origin="UA",
        country_of_birth="UA",
        legal_status="gefluechtet",
        district=north,
        arrival_date=D(2022, 3, 15),
        school_qualification="sek2",
    )
    b = person(
        first_name="B",
        gender="m",
        birth_year=2010,
        nationalities=["SY", "DE"],
        country_of_origin="SY",
        country_of_birth="DE",
        legal_status="deutsch",
        district=south,
        school_qualification="in_schule",
    )
    c = person(first_name="C")  # everything unknown
    d = person(
        first_name="D",
        gender="w",
        birth_year=1955,
        nationalities=["RU"],
        country_of_origin="RU",
        country_of_birth="RU",
        legal_status="spaetaussiedler",
        district=north,
        arrival_date=D(2000, 1, 1),
        school_qualification="sek1",
    )
    e = person(first_name="E")  # only present at a session
    f = person(
        first_name="F", gender="m", birth_year=2005, country_of_origin="AF"
    )  # JMD: out of scope

    def case(
        client: Person,
        service: str,
        kind: str,
        opened: datetime.date,
        closed: datetime.date | None,
        route: str,
    ) -> Case:
        return Case.objects.create(
            organisation=org,
            service=Service.objects.get(code=service),
            client=client,
            kind=kind,
            opened_on=opened,
            closed_on=closed,
            access_route=route,
        )

    c1 = case(a, "MBE", "beratung", D(2023, 11, 1), None, "familie")  # across the year end
    c2 = case(a, "IKB", "case_management", D(2024, 12, 31), None, "mbe")  # opened on 31 December
    c3 = case(b, "MBE", "beratung", D(2023, 5, 1), D(2024, 1, 1), "freunde")  # closed on 1 January
    c4 = case(c, "MBE", "beratung", D(2024, 3, 1), D(2024, 6, 30), "")  # access route unknown
    case(
        d, "MBE", "case_management", D(2022, 1, 1), D(2023, 12, 31), "jobcenter"
    )  # c5: ended before 2024
    c6 = case(d, "IKB", "beratung", D(2024, 2, 1), None, "freunde")
    c7 = case(f, "JMD", "beratung", D(2024, 1, 1), None, "familie")
    c1.co_counselled.add(d)  # a co-counselled person who is a client too

    def session(
        case: Case,
        day: datetime.date,
        minutes: int | None,
        topics: list[str],
        present: tuple[Person, ...] = (),
    ) -> None:
        Session.objects.create(
            case=case, date=day, duration_minutes=minutes, topics=topics
        ).present.set(present)

    session(c1, D(2023, 12, 15), 60, ["aufenthalt"])
    session(c1, D(2024, 1, 10), 45, ["aufenthalt", "sprache"], (e,))
    session(c3, D(2024, 1, 1), 30, ["arbeit"])
    session(c4, D(2024, 3, 1), None, [])
    session(c6, D(2025, 1, 5), 20, ["wohnen"])
    session(c7, D(2024, 5, 5), 90, ["bildung"])

    def goal(
        case: Case, area: str, agreed: datetime.date, *changes: tuple[str, datetime.date]
    ) -> None:
        g = Goal.objects.create(
            case=case, area=area, agreed_on=agreed, status="in_bearbeitung", status_on=agreed
        )
        GoalStatusChange.objects.create(goal=g, status="in_bearbeitung", set_on=agreed)
        for status, day in changes:
            GoalStatusChange.objects.create(goal=g, status=status, set_on=day)

    goal(c1, "beruflich", D(2023, 11, 1), ("erreicht", D(2023, 12, 20)))  # g1: final before 2024
    goal(
        c1, "sprachlich", D(2024, 1, 10), ("erreicht", D(2025, 2, 1))
    )  # g2: changed after the year end
    goal(c2, "beruflich", D(2024, 12, 31), ("teilweise_erreicht", D(2024, 12, 31)))  # g3
    goal(c4, "sozial", D(2024, 3, 1), ("abgebrochen", D(2024, 6, 30)))  # g4
    goal(c6, "beruflich", D(2025, 1, 10))  # g5: agreed after the year
    return Scope((org.pk,), ("MBE", "IKB"))


THIRD = 33.33
EXPECTED_2024 = {
    "jahr": 2024,
    "faelle": 5,  # c1, c2, c3, c4, c6
    "faelle_neu": 3,  # c2, c4, c6
    "faelle_beendet": 2,  # c3 (1 January), c4
    "faelle_laufend_jahresende": 3,  # c1, c2, c6
    "case_management_faelle": 1,  # c2
    "ratsuchende": 4,  # A (two cases), B, C, D
    "personen_erreicht": 5,  # A, B, C, D (also co-counselled), E (present only)
    "beratungssitzungen": 3,  # s2, s3, s4
    "beratungsminuten": 75,  # 45 + 30 + unknown
    "herkunftslaender": {"UA": THIRD, "SY": THIRD, "RU": THIRD},
    "herkunftsregionen": {
        "Staaten der ehemaligen Sowjetunion": 66.67,
        "Naher und Mittlerer Osten": THIRD,
    },
    "rechtsstatus": {"gefluechtet": THIRD, "deutsch": THIRD, "spaetaussiedler": THIRD},
    "geschlecht": {"w": 66.67, "m": THIRD},
    "stadtteile": {"Nord": 66.67, "Süd": THIRD},
    "altersgruppen": {"28-44": THIRD, "12-14": THIRD, "65+": THIRD},  # A 44, B 14, D 69
    # A: arrived 15.03.2022, earliest active case 01.11.2023 -> 1 year; B born in DE;
    # D: arrived 2000, earliest case active in 2024 is c6 (01.02.2024) -> 24 years
    "aufenthaltsdauer": {"unter_2": THIRD, "in_deutschland_geboren": THIRD, "ab_5": THIRD},
    "schulabschluss": {"sek2": THIRD, "in_schule": THIRD, "sek1": THIRD},
    "staatsangehoerigkeiten_anzahl": 4,  # UA, SY, DE, RU
    "zugangswege": {"freunde": 50.0, "familie": 25.0, "mbe": 25.0},  # over cases, c4 unknown
    "themen": {"aufenthalt": 1, "sprache": 1, "arbeit": 1},
    "ziele": 3,  # g2, g3, g4 (g1 finished in 2023, g5 agreed in 2025)
    "ziele_nach_bereich": {"sprachlich": 1, "beruflich": 1, "sozial": 1},
    "ziele_status_jahresende": {"in_bearbeitung": 1, "teilweise_erreicht": 1, "abgebrochen": 1},
    "ziele_in_bearbeitung_anteil": THIRD,
    "unbekannt": {
        "herkunftslaender": 1,
        "herkunftsregionen": 1,
        "rechtsstatus": 1,
        "geschlecht": 1,
        "stadtteile": 1,
        "altersgruppen": 1,
        "aufenthaltsdauer": 1,
        "schulabschluss": 1,
        "zugangswege": 1,
    },
}
EXPECTED_2023 = {
    "jahr": 2023,
    "faelle": 3,  # c1, c3, c5
    "faelle_neu": 2,  # c1, c3
    "faelle_beendet": 1,  # c5
    "faelle_laufend_jahresende": 2,  # c1, c3 (closed 01.01.2024)
    "case_management_faelle": 1,  # c5
    "ratsuchende": 3,  # A, B, D
    "personen_erreicht": 3,
    "beratungssitzungen": 1,
    "beratungsminuten": 60,
    "herkunftslaender": {"UA": THIRD, "SY": THIRD, "RU": THIRD},
    "herkunftsregionen": {
        "Staaten der ehemaligen Sowjetunion": 66.67,
        "Naher und Mittlerer Osten": THIRD,
    },
    "rechtsstatus": {"gefluechtet": THIRD, "deutsch": THIRD, "spaetaussiedler": THIRD},
    "geschlecht": {"w": 66.67, "m": THIRD},
    "stadtteile": {"Nord": 66.67, "Süd": THIRD},
    "altersgruppen": {"28-44": THIRD, "12-14": THIRD, "65+": THIRD},  # A 43, B 13, D 68
    # D's earliest case active in 2023 is c5 (01.01.2022): 21 full years
    "aufenthaltsdauer": {"unter_2": THIRD, "in_deutschland_geboren": THIRD, "ab_5": THIRD},
    "schulabschluss": {"sek2": THIRD, "in_schule": THIRD, "sek1": THIRD},
    "staatsangehoerigkeiten_anzahl": 4,
    "zugangswege": {"familie": THIRD, "freunde": THIRD, "jobcenter": THIRD},
    "themen": {"aufenthalt": 1},
    "ziele": 1,  # g1
    "ziele_nach_bereich": {"beruflich": 1},
    "ziele_status_jahresende": {"erreicht": 1},
    "ziele_in_bearbeitung_anteil": 0.0,
    "unbekannt": {
        "herkunftslaender": 0,
        "herkunftsregionen": 0,
        "rechtsstatus": 0,
        "geschlecht": 0,
        "stadtteile": 0,
        "altersgruppen": 0,
        "aufenthaltsdauer": 0,
        "schulabschluss": 0,
        "zugangswege": 0,
    },
}


def test_every_figure_of_both_years_equals_the_hand_computed_one() -> None:
    figures = annual_figures(build(), 2024)
    previous = figures.pop("vorjahr")
    assert figures == EXPECTED_2024
    assert previous == EXPECTED_2023


def test_command_line_json_and_csv(tmp_path: Any, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from django.core.management import call_command

    build()
    call_command(
        "report",
        "annual",
        "--organisation",
        "diakonie",
        "--dienst",
        "MBE,IKB",
        "--jahr",
        "2024",
        "--format",
        "json",
    )
    figures = json.loads(capsys.readouterr().out)
    assert figures["faelle"] == 5 and figures["vorjahr"]["faelle"] == 3
    target = tmp_path / "bericht.csv"
    call_command(
        "report",
        "annual",
        "--organisation",
        "diakonie",
        "--dienst",
        "MBE,IKB",
        "--jahr",
        "2024",
        "--format",
        "csv",
        "--output",
        str(target),
    )
    text = target.read_text(encoding="utf-8-sig")
    assert "2024;herkunftslaender;UA;33,33" in text and "2023;faelle;;3" in text
    with pytest.raises(SystemExit) as bad:
        call_command(
            "report", "annual", "--organisation", "diakonie", "--dienst", "XYZ", "--jahr", "2024"
        )
    assert bad.value.code == 1
