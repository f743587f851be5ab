"""The HIPPY figures of the seed annual report, section 2.1.2 (2024), recomputed from the
data set of seed_hippy.py. "l. N" is line N of shared/seeds/000_0d44d3a6fb052291.txt."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.organisations.services import create_organisation
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.tests.seed_hippy import build_hippy_2024, days_in_2024, families

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures() -> dict[str, Any]:
    organisation = create_organisation("prointegration", "ProIntegration", ["HIPPY", "EDU"])
    return programme_figures([build_hippy_2024(organisation)], 2024)


def test_the_plan_adds_up_before_anything_is_stored() -> None:
    plan = families()
    assert len(plan) == 37
    assert sum(days_in_2024(family) for family in plan) == 8052  # 22 family-years of 366 days
    ended = [family for family in plan if family.end]
    assert sum((f.end - f.start).days + 1 for f in ended if f.end) == 10410  # 19 x 547.9


def test_families_districts_countries_languages(figures: dict[str, Any]) -> None:
    # l. 460: "Im Jahr 2024 haben insgesamt 37 Familien ... am HIPPY-Programm teilgenommen"
    assert figures["familien"] == 37
    # l. 460-464: the twelve districts the families came from
    assert set(figures["stadtteile"]) == {
        "Westhagen", "Detmerode", "Wohltberg", "Kreuzheide", "Hageberg", "Stadtmitte",
        "Teichbreite", "Hellwinkel", "Sandkamp", "Ehmen", "Neustadt", "Tiergartenbreite",
    }  # fmt: skip
    # l. 464-465: "Mit knapp 49% lebt der größte Anteil der HIPPY-Familien im Stadtteil
    # Westhagen": 18 of 37 = 48.6 %
    assert next(iter(figures["stadtteile"].items())) == ("Westhagen", 18)
    assert round(100 * 18 / figures["familien"], 1) == 48.6
    # l. 472-474: "Afghanistan, Deutschland, Gambia, Indien, Iran, Kasachstan, Kirgistan,
    # Kosovo, Mexico, Moldawien, Palästina, Palästina, Russland, Syrien und Ukraine"
    assert set(figures["herkunftslaender"]) == {
        "AF", "DE", "GM", "IN", "IR", "KZ", "KG", "XK", "MX", "MD", "PS", "RU", "SY", "UA"
    }  # fmt: skip
    # l. 466-472: "Die HIPPY-Familien kamen aus 13 verschiedenen Ländern": the list names
    # fourteen, Germany among them; 13 are the countries of origin other than Germany.
    assert figures["herkunftslaender_ohne_de_anzahl"] == 13
    assert figures["herkunftslaender_anzahl"] == 14
    # l. 476-478: "werden insgesamt vierzehn verschiedene Sprachen gesprochen"
    assert figures["sprachen_anzahl"] == 14
    assert figures["unbekannt"] == {"herkunftslaender": 0, "sprachen": 0, "stadtteile": 0}


def test_ends_reasons_and_time_in_programme(figures: dict[str, Any]) -> None:
    # l. 488-490: "Im Verlauf des Jahres haben 12 Familien das Programm regulär beendet"
    assert figures["beendet_regulaer"] == 12
    # l. 490: "Sieben Familien haben das Programm vorzeitig beendet."
    assert figures["beendet_vorzeitig"] == 7
    assert figures["abbruchgruende"] == {
        "neues_baby": 3,  # l. 492-494: "In drei Familien haben die Mütter ein Baby bekommen"
        "programmwechsel": 2,  # l. 496: "In zwei Familien fand ein Programmwechsel statt."
        "kein_interesse": 2,  # l. 496-498: "Zwei Familien hatten kein Interesse ..."
        "umzug": 0,
        "sonstige": 0,
    }
    assert figures["programmwechsel_abgang"] == 2  # both went on to E:DU
    # l. 498-500: "Die durchschnittliche Verweildauer der Familien im Programm betrug im
    # 2024 achtzehn Monate."
    assert figures["verweildauer_monate_durchschnitt"] == 18.0
    assert figures["familien_laufend_jahresende"] == 18  # 37 - 12 - 7


def test_home_visits(figures: dict[str, Any]) -> None:
    # l. 536: "Im Jahr 2024 fanden im Rahmen des HIPPY Programms insgesamt 616 Hausbesuche
    # statt."
    assert figures["hausbesuche"] == 616
    # l. 538: "Im Durchschnitt wurde eine Familie 28-mal im Verlauf des Jahres besucht."
    # That is per family taking part all year: 616 visits over 22.0 family-years.
    assert figures["familienjahre"] == 22.0
    assert figures["hausbesuche_je_familienjahr"] == 28.0
    assert figures["hausbesuche_je_familie"] == 16.6  # 616 / 37, not the seed's figure
    # l. 538-539: "Die Dauer eines Hausbesuchs beträgt ca. 45 Minuten."
    assert figures["hausbesuch_dauer_durchschnitt"] == 45.0
    assert figures["hausbesuche_minuten"] == 616 * 45
    # l. 611: "durch zwei Familienbesucherinnen und einer Programm-Koordinatorin"
    assert figures["hausbesuchende_anzahl"] == 2
