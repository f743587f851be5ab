"""The figures of the seed annual report, section 2.2.1 (Jugendmigrationsdienst, 2024 with
the 2023 comparison), recomputed by the report engine from a data set in the casework
import format (generate.write_jmd_2024).

"l. N" is line N of shared/seeds/000_0d44d3a6fb052291.txt. Figures the seed gives for
case management alone (60.65 % men, 80.23 % aged 19-27, nationalities, stay, school) are
not asserted: the engine's shares are over all clients of the service.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.casework.importer.service import import_casework
from teilhabe.organisations.models import Area
from teilhabe.organisations.services import create_organisation
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.tests.seed.generate_jmd import write_jmd_2024
from teilhabe.reports.tests.seed.tables import DISTRICTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(tmp_path: Path) -> dict[str, Any]:
    organisation = create_organisation("prointegration", "ProIntegration", ["MBE", "IKB", "JMD"])
    for number, name in enumerate(DISTRICTS):
        Area.objects.create(code=f"WOB-{number:02d}", name=name)
    write_jmd_2024(tmp_path)
    import_casework(tmp_path, organisation)
    return annual_figures(Scope((organisation.pk,), ("JMD",)), 2024)


def test_young_people_cases_sessions(figures: dict[str, Any]) -> None:
    previous = figures["vorjahr"]
    assert figures["beratungssitzungen"] == 1223  # l. 965: "insgesamt 1223 Beratungsgespräche"
    assert previous["beratungssitzungen"] == 1151  # l. 965-967: "72 mehr als im Vorjahr"
    assert figures["ratsuchende"] == 373  # l. 977: "der 373 Jugendlichen"
    assert figures["personen_erreicht"] == 373  # l. 977: "vom JMD ... erreicht und begleitet"
    # l. 971: "9,47% weniger junge Menschen" than in 2023
    assert previous["ratsuchende"] == 412
    assert round(100 * (412 - 373) / 412, 2) == 9.47
    assert figures["case_management_faelle"] == 155  # l. 1003: "155 junge Menschen im CM"
    assert previous["case_management_faelle"] == 158  # l. 1005-1007: "(-3 CM-Fälle)"
    # Counselling: l. 989 "in der Beratung 264 junge Menschen", one case each; 2023 "+10
    # Beratungs-Fälle", 3.94 % (l. 997-999).
    counselling = figures["faelle"] - figures["case_management_faelle"]
    counselling_before = previous["faelle"] - previous["case_management_faelle"]
    assert (counselling, counselling_before) == (264, 254)
    assert round(100 * (264 - 254) / 254, 2) == 3.94


def test_age_groups(figures: dict[str, Any]) -> None:
    ages, before = figures["altersgruppen"], figures["vorjahr"]["altersgruppen"]
    assert ages["15-18"] == 24.13  # l. 979: "15-18 Jahren bei 24,13%" (90 of 373)
    assert ages["19-27"] == 60.86  # l. 981: "60,86% in der Altersgruppe 19-27" (227)
    # l. 983-985: 19-27 "eine Abnahme von 11,47%", 15-18 "um 4,71% zugenommen", read as
    # percentage points (as a change in numbers, no count fits).
    assert before["19-27"] == 72.33  # 298 of 412
    assert before["15-18"] == 19.42  # 80 of 412
    assert round(before["19-27"] - ages["19-27"], 2) == 11.47
    assert round(ages["15-18"] - before["15-18"], 2) == 4.71
    assert figures["unbekannt"]["altersgruppen"] == 0


def test_goals_of_the_year(figures: dict[str, Any]) -> None:
    assert figures["ziele"] == 551  # l. 1017: "mit 551 formulierten Zielen"
    areas = figures["ziele_nach_bereich"]
    assert areas["beruflich"] == 248  # l. 1021: "beruflichen Integration (248 Ziele)"
    assert areas["sozial"] == 100  # l. 1021-1023: "sozialen Integration (100 Ziele)"
    assert areas["schulisch"] == 77  # l. 1023: "schulischen Integration (77 Ziele)"
    assert list(areas)[:3] == ["beruflich", "sozial", "schulisch"]  # "gefolgt von"
    assert sum(areas.values()) - 248 - 100 - 77 == 126  # the rest, in other areas
    # l. 1031: "von denen sich Ende des Jahres noch 54,81% im Prozess befinden" (302)
    assert figures["ziele_in_bearbeitung_anteil"] == 54.81
    assert figures["ziele_status_jahresende"]["in_bearbeitung"] == 302


def test_access_routes(figures: dict[str, Any]) -> None:
    # l. 1034-1040, for the young people in case management; the counselling cases carry
    # no access route, so the shares are over the 155 case-management cases.
    routes = figures["zugangswege"]
    assert figures["unbekannt"]["zugangswege"] == 264
    assert routes["familie"] == 38.71  # 60 of 155; l. 1036: "(39%) ... die eigene Familie"
    assert routes["freunde"] == 16.13  # 25; l. 1038: "mit 16% Freunden"
    assert routes["mbe"] == 10.97  # 17; l. 1040: "auf dritter Position mit 11% die ... MBE"
    assert [round(routes[code]) for code in ("familie", "freunde", "mbe")] == [39, 16, 11]
    assert list(routes)[:3] == ["familie", "freunde", "mbe"]
