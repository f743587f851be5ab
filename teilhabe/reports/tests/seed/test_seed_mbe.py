"""The figures of the seed annual report, section 2.1.1 (MBE and intercultural counselling,
2024 with the 2023 comparison), recomputed by the report engine from a data set in the
casework import format (generate.write_mbe_2024).

"l. N" is line N of shared/seeds/000_0d44d3a6fb052291.txt. The seed's figures are
"Durchschnittswerte aus der Migrationsberatung für Erwachsene und der interkulturellen
Beratung" (l. 253-254), so the scope is the services MBE and IKB. It rounds its shares to
half a percent; each share below is asserted exactly (two decimals, from the data set's
counts) and rounded to half a percent against the seed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from teilhabe.casework.importer.service import import_casework
from teilhabe.organisations.models import Area
from teilhabe.organisations.services import create_organisation
from teilhabe.reports.figures import Scope, annual_figures
from teilhabe.reports.tests.seed.generate_mbe import write_mbe_2024
from teilhabe.reports.tests.seed.tables import DISTRICTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures(tmp_path: Path) -> dict[str, Any]:
    organisation = create_organisation("prointegration", "ProIntegration", ["MBE", "IKB", "JMD"])
    for number, name in enumerate(DISTRICTS):
        Area.objects.create(code=f"WOB-{number:02d}", name=name)
    write_mbe_2024(tmp_path)
    import_casework(tmp_path, organisation)
    return annual_figures(Scope((organisation.pk,), ("MBE", "IKB")), 2024)


def half_percent(share: float) -> float:
    """A share rounded to half a percent, the precision of the seed."""
    return round(share * 2) / 2


def share_of(shares: dict[str, float], codes: tuple[str, ...]) -> float:
    return round(sum(shares.get(code, 0.0) for code in codes), 2)


def test_cases_persons_sessions_case_management(figures: dict[str, Any]) -> None:
    assert figures["faelle"] == 179  # l. 259: "Insgesamt wurden 179 Fälle dokumentiert"
    assert (
        figures["personen_erreicht"] == 459
    )  # l. 261: "459 Ratsuchende, einschließlich mitberatener Personen"
    assert figures["beratungssitzungen"] == 654  # l. 263: "Beratungssitzungen belief sich auf 654"
    assert (
        figures["case_management_faelle"] == 16
    )  # l. 263-264: "16 ... nach der Methode des Case Managements"
    # Not in the seed: its half-percent shares fit no other number of clients up to 179.
    assert figures["ratsuchende"] == 179


# Clients by country of origin, 2024: n / 179 clients.
COUNTRIES_2024 = {
    "UA": 40.78,  # 73, l. 292
    "RU": 16.76,  # 30, l. 294
    "KZ": 12.85,  # 23, l. 296
    "AF": 10.06,  # 18, l. 298
    "SO": 2.23,  # 4, l. 300 (African states)
    "SY": 2.23,  # 4, l. 304
    "ER": 2.23,  # 4, l. 318
    "GH": 1.68,  # 3, l. 300 (African states)
    "XK": 1.68,  # 3, l. 302 (former Yugoslavia)
    "RS": 1.12,  # 2, l. 302
    "BA": 1.12,  # 2, l. 302
    "AM": 1.12,  # 2, l. 306 (former Soviet states)
    "UZ": 1.12,  # 2, l. 306
    "IQ": 1.12,  # 2, l. 312
    "BY": 0.56,  # 1, l. 306
    "RO": 0.56,  # 1, l. 310 (EU)
    "TR": 0.56,  # 1, l. 314
    "IR": 0.56,  # 1, l. 316
    "BR": 0.56,  # 1, l. 320 (further countries)
    "VE": 0.56,  # 1, l. 320
    "CO": 0.56,  # 1, l. 320
}
# 2023 (vorjahr): n / 180 clients.
COUNTRIES_2023 = {
    "UA": 33.89,  # 61
    "RU": 21.11,  # 38
    "KZ": 13.33,  # 24
    "AF": 12.78,  # 23
    "XK": 2.78,  # 5
    "SO": 2.22,  # 4
    "SY": 2.22,  # 4
    "GH": 1.67,  # 3
    "RS": 1.67,  # 3
    "BA": 1.67,  # 3
    "AM": 1.11,  # 2
    "UZ": 1.11,  # 2
    "IQ": 1.11,  # 2
    "BY": 0.56,  # 1
    "RO": 0.56,  # 1
    "PL": 0.56,  # 1
    "TR": 0.56,  # 1
    "IR": 0.56,  # 1
    "BR": 0.56,  # 1: the 0.5 % the seed's 2023 values leave (Eritrea, further countries)
}
# (seed line, the seed's name, the data set's countries, seed 2024, seed 2023)
SEED_COUNTRIES: tuple[tuple[int, str, tuple[str, ...], float, float | None], ...] = (
    (292, "Ukraine", ("UA",), 41, 34),
    (294, "Russland", ("RU",), 17, 21),
    (296, "Kasachstan", ("KZ",), 13, 13.5),
    (298, "Afghanistan", ("AF",), 10, 13),
    (300, "Afrikanische Staaten", ("GH", "SO"), 4, 4),  # "(unverändert)"
    (302, "Ehemalige Jugoslawien", ("XK", "RS", "BA"), 4, 6),
    (304, "Syrien", ("SY",), 2, 2),
    (306, "Staaten der ehemaligen Sowjetunion", ("AM", "BY", "UZ"), 3, 3),  # l. 308
    (310, "EU-Länder", ("RO", "PL", "IT"), 0.5, 1),
    (312, "Irak", ("IQ",), 1, 1),
    (314, "Türkei", ("TR",), 0.5, 0.5),
    (316, "Iran", ("IR",), 0.5, 0.5),
    (318, "Eritrea", ("ER",), 2, None),  # no 2023 value
    (320, "Weitere Länder", ("BR", "VE", "CO"), 1.5, None),  # no 2023 value
)


def test_countries_of_origin_2024_and_2023(figures: dict[str, Any]) -> None:
    previous = figures["vorjahr"]
    assert figures["herkunftslaender"] == COUNTRIES_2024
    assert previous["herkunftslaender"] == COUNTRIES_2023
    assert (
        figures["unbekannt"]["herkunftslaender"] == previous["unbekannt"]["herkunftslaender"] == 0
    )
    for line, name, codes, seed_2024, seed_2023 in SEED_COUNTRIES:
        share = share_of(figures["herkunftslaender"], codes)
        assert half_percent(share) == seed_2024, (line, name, share)
        if seed_2023 is not None:
            share = share_of(previous["herkunftslaender"], codes)
            assert half_percent(share) == seed_2023, (line, name, 2023, share)


def test_regions_of_origin(figures: dict[str, Any]) -> None:
    # The installation's groups (reports/data/country_groups.json) count Eritrea among
    # the African states (l. 300 + l. 318: 4 % + 2 %) and Ukraine, Russia and Kazakhstan
    # among the former Soviet states (l. 292 + 294 + 296 + 306).
    assert figures["herkunftsregionen"] == {
        "Staaten der ehemaligen Sowjetunion": 73.18,  # 131
        "Naher und Mittlerer Osten": 14.53,  # 26: AF, SY, IQ, TR, IR
        "Afrikanische Staaten": 6.15,  # 11: GH, SO, ER -> 6 %
        "Ehemaliges Jugoslawien": 3.91,  # 7 -> 4 %, l. 302
        "Weitere Länder": 1.68,  # 3 -> 1.5 %, l. 320
        "EU-Länder": 0.56,  # 1 -> 0.5 %, l. 310
    }


def test_legal_status(figures: dict[str, Any]) -> None:
    # Abbildung 1 (l. 286, 324-347): the pie's labels 28 %, 61 %, 5 %, 3 %, 1 %, 2 %,
    # read in the order of its legend.
    assert figures["rechtsstatus"] == {
        "gefluechtet": 60.89,  # 109 -> 61 %
        "spaetaussiedler": 27.93,  # 50 -> 28 %
        "niederlassung": 5.03,  # 9 -> 5 %
        "deutsch": 2.79,  # 5 -> 3 %
        "asyl_duldung": 2.23,  # 4 -> 2 %
        "eu": 1.12,  # 2 -> 1 %
    }
    seed = {
        "spaetaussiedler": 28,
        "gefluechtet": 61,
        "niederlassung": 5,
        "deutsch": 3,
        "eu": 1,
        "asyl_duldung": 2,
    }
    assert {code: half_percent(share) for code, share in figures["rechtsstatus"].items()} == seed
    assert figures["unbekannt"]["rechtsstatus"] == 0


def test_gender(figures: dict[str, Any]) -> None:
    # l. 348-349: "der Anteil der Frauen mit 73 % ..., als der der Männer mit 27 %"
    assert figures["geschlecht"] == {"w": 73.18, "m": 26.82}  # 131 and 48 of 179
    assert half_percent(figures["geschlecht"]["w"]) == 73
    assert half_percent(figures["geschlecht"]["m"]) == 27
    assert figures["unbekannt"]["geschlecht"] == 0


def test_districts(figures: dict[str, Any]) -> None:
    # Abbildung 2 (l. 354, 393-401) gives a number for one slice only, 53 %, the largest:
    # Westhagen, where "die Mehrheit der Ratsuchenden lebt" (l. 368-370). The chart's
    # other districts (Stadtmitte, Laagberg, Detmerode, Hageberg, others) have no
    # number in the text and are not asserted.
    districts = figures["stadtteile"]
    assert districts["Westhagen"] == 53.07  # 95 of 179
    assert half_percent(districts["Westhagen"]) == 53
    assert max(districts, key=districts.get) == "Westhagen"
    assert figures["unbekannt"]["stadtteile"] == 0
