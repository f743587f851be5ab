"""MigraPro's rules (register-extract.md, "Classification") on hand-classified residents.

Each row below was classified by hand from the format's text; the expected category,
reference country and immigration history are written beside it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from teilhabe.monitoring import classify, extract
from teilhabe.monitoring.tests.helpers import STICHTAG, write

# id;geburtsjahr;geburtsmonat;geschlecht;gebiet;sta1;sta2;geburtsland;zuzug_land;
# einbuergerung;aussiedler;option;eltern  →  category, reference country, history
RESIDENTS = [
    ("a1;1980;;m;P1a;TR;;TR;TR;;;;", "auslaender", "TR", "eingewandert"),
    # stateless: neither nationality is DE; the reference country skips XX
    ("a2;1990;;w;P1a;XX;;SY;;;;;", "auslaender", "SY", "eingewandert"),
    ("a3;1990;;w;P1a;XX;;;;;;;", "auslaender", None, "ohne"),
    ("a4;1975;;w;P1a;DE;;TR;TR;1;;;", "eingebuergert", "TR", "eingewandert"),
    ("a5;1960;;m;P1b;DE;;KZ;KZ;;1;;", "aussiedler", "KZ", "eingewandert"),
    # repatriate by origin only: German, born abroad, moved from a repatriate country
    ("a6;1970;;m;P1b;DE;;RU;RU;;;;", "aussiedler", "RU", "eingewandert"),
    # born in Germany, moved back from Kazakhstan: no repatriate, no background
    ("a7;1985;;w;P1b;DE;;;KZ;;;;", "ohne_mh", None, "ohne"),
    # born abroad, but moved from a country that is not of repatriate origin
    ("a8;1988;;m;P2a;DE;;PL;FR;;;;", "deutsch_geboren_ausland", "PL", "eingewandert"),
    # option child: rule 4 comes before the second nationality of rule 5
    ("a9;2010;3;d;P2a;DE;TR;;;;;1;", "optionsdeutsch", "TR", "ohne"),
    ("a10;1992;;x;P2a;DE;IT;;;;;;", "deutsch_zweite_sta", "IT", "ohne"),
    ("a11;1993;;m;P2a;IT;DE;;;;;;", "deutsch_zweite_sta", "IT", "ohne"),
    # XX beside DE is no second, foreign nationality
    ("a12;1994;;w;P2a;DE;XX;;;;;;", "ohne_mh", None, "ohne"),
    # children: their category and country come from the parents in the extract
    ("k1;2015;;m;P1a;DE;;;;;;;a1", "familiaer", "TR", "ohne"),
    ("k2;2015;;w;P1a;DE;;;;;;;a7|a4", "familiaer", "TR", "ohne"),
    # the first parent under rules 1-6 WITH a reference country gives it; a3 was born
    # in Germany, so not both parents immigrated
    ("k3;2016;;w;P1a;DE;;;;;;;a3|a1", "familiaer", "TR", "ohne"),
    ("k4;2016;;m;P1a;DE;;;;;;;a1|a4", "familiaer", "TR", "nachkomme"),
    # over 18 on the reference date: no longer familiaer
    ("k5;2000;;m;P1a;DE;;;;;;;a1", "ohne_mh", None, "ohne"),
    # exactly 18 (month empty = June, reference month December)
    ("k6;2006;;w;P1a;DE;;;;;;;a1", "ohne_mh", None, "ohne"),
    # 17: born in 2007, so still a child
    ("k7;2007;;w;P1a;DE;;;;;;;a1", "familiaer", "TR", "ohne"),
    # parents not in the extract (none listed): no background derivable
    ("k8;2015;;m;P1b;DE;;;;;;;", "ohne_mh", None, "ohne"),
    # parent without background
    ("k9;2015;;m;P1b;DE;;;;;;;a7", "ohne_mh", None, "ohne"),
    # a familiaer parent does not pass rule 7 on (only rules 1-6 count)
    ("k10;2020;;m;P1b;DE;;;;;;;k1", "ohne_mh", None, "ohne"),
    # parent stateless without any country: familiaer, reference country unknown
    ("k11;2020;;w;P1b;DE;;;;;;;a3", "familiaer", None, "ohne"),
    # the child's own fields are not used for familiaer's reference country
    ("k12;2020;;w;P1b;DE;;;GB;;;;a5", "familiaer", "KZ", "ohne"),
]


@pytest.fixture
def classified(tmp_path: Path) -> dict[str, tuple[str, str | None, str]]:
    path = write(tmp_path / "extract.csv", [row for row, *_ in RESIDENTS])
    frame = extract.read(path)
    extract.check(frame, path.name, STICHTAG, {"P1a", "P1b", "P2a"})
    result = classify.classify(frame, STICHTAG)
    return {
        row["id"]: (row["category"], row["country"], row["history"])
        for row in result.iter_rows(named=True)
    }


@pytest.mark.parametrize(("row", "category", "country", "history"), RESIDENTS)
def test_every_rule_by_hand(
    classified: dict[str, tuple[str, str | None, str]],
    row: str,
    category: str,
    country: str | None,
    history: str,
) -> None:
    assert classified[row.split(";")[0]] == (category, country, history)


def test_without_country_of_birth_no_immigration_history(tmp_path: Path) -> None:
    path = write(
        tmp_path / "e.csv",
        ["a1;1980;m;P1a;TR", "k1;2015;w;P1a;DE"],
        "id;geburtsjahr;geschlecht;gebiet;sta1",
    )
    frame = extract.read(path)
    result = classify.classify(frame, STICHTAG)
    assert result.get_column("history").to_list() == ["", ""]
    assert result.get_column("category").to_list() == ["auslaender", "ohne_mh"]


def test_age_groups_use_the_birth_month(tmp_path: Path) -> None:
    """On 30.06.2024 someone born in July 2017 is 6 (under 7), born in June 2017 is 7."""
    rows = ["b1;2017;7;m;P1a;DE", "b2;2017;6;m;P1a;DE", "b3;2017;;m;P1a;DE"]
    path = write(tmp_path / "e.csv", rows, "id;geburtsjahr;geburtsmonat;geschlecht;gebiet;sta1")
    import datetime

    result = classify.classify(extract.read(path), datetime.date(2024, 6, 30))
    assert result.get_column("age_from").to_list() == [0, 7, 7]
