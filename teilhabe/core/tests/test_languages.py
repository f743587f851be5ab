"""Languages as ISO 639-3 with German names (issue 10, item 8): the mapping from ISO
639-1, what is accepted, and the names the pages show."""

from __future__ import annotations

import pycountry
import pytest
from django.utils import translation

from teilhabe.core import languages
from teilhabe.core.languages import (
    grouped_choices,
    iso1_to_iso3,
    language_code,
    language_name,
    to_iso639_1,
    to_iso639_3,
)


@pytest.fixture(autouse=True)
def german() -> object:
    with translation.override("de"):
        yield


def test_old_two_letter_codes_become_iso_639_3() -> None:
    # "fa" and "ku" are macrolanguages in ISO 639-1: they stay macrolanguages, since a
    # stored "fa" does not say whether the client speaks Dari or Farsi.
    mapping = iso1_to_iso3()
    assert mapping["ar"] == "ara" and mapping["fa"] == "fas" and mapping["ku"] == "kur"
    assert mapping["uk"] == "ukr" and mapping["de"] == "deu" and mapping["sq"] == "sqi"
    assert len(mapping) == 184  # every ISO 639-1 code: the import format names them all
    assert all(len(three) == 3 for three in mapping.values())
    assert to_iso639_3(["ar", "ara", "fa", "", "ku"]) == ["ara", "fas", "kur"]


def test_back_to_iso_639_1_where_a_format_asks_for_it() -> None:
    assert to_iso639_1("ara") == "ar" and to_iso639_1("fas") == "fa"
    assert to_iso639_1("prs") == ""  # Dari has no two-letter code
    assert to_iso639_1("uk") == "uk"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ar", "ara"),
        ("AR", "ara"),
        ("ara", "ara"),
        ("prs", "prs"),
        ("kmr", "kmr"),
        ("ckb", "ckb"),
        ("apc", "apc"),
        ("rmy", "rmy"),
        ("ger", "deu"),  # ISO 639-2/B
        ("Dari", "prs"),
        ("türkisch", "tur"),
        ("Kurmandschi", "kmr"),
        ("Sorani", "ckb"),
        ("Farsi", "pes"),
        ("vo", "vol"),  # a valid ISO 639-1 code is taken, as the import format says
    ],
)
def test_codes_and_names_that_are_accepted(typed: str, code: str) -> None:
    assert language_code(typed) == code


@pytest.mark.parametrize("typed", ["xx", "zzz", "vol", "lat", "Klingonisch", "", "a1b"])
def test_what_is_refused(typed: str) -> None:
    # unknown codes, and constructed or historical languages given as ISO 639-3
    assert language_code(typed) is None


def test_german_names() -> None:
    assert language_name("ara") == "Arabisch" and language_name("ar") == "Arabisch"
    assert language_name("prs") == "Dari"
    assert language_name("kmr") == "Kurmandschi (Nordkurdisch)"
    assert language_name("ckb") == "Sorani (Zentralkurdisch)"
    assert language_name("apc").startswith("Arabisch (Levante")
    assert language_name("rom") == "Romanes (Romani)"
    assert language_name("fas") == "Persisch (Dari oder Farsi)"
    assert language_name("vol") == "Volapük"  # outside the list: pycountry's German name
    assert language_name("qqq") == "qqq"
    with translation.override("en"):
        assert language_name("kmr") == "Kurmanji (Northern Kurdish)"


def test_the_picker_offers_counselling_languages_first_and_no_noise() -> None:
    (_first_label, common), (_other_label, others) = grouped_choices()
    common_names = [name for _code, name in common]
    assert common_names[:3] == ["Deutsch", "Arabisch", "Dari"]
    assert {"prs", "pes", "pus", "kmr", "ckb", "tir", "rom"} <= {code for code, _n in common}
    other_codes = [code for code, _n in others]
    assert {"apc", "arz", "acm", "ary", "apd", "rmy", "rmn", "kur", "fas"} <= set(other_codes)
    assert not set(other_codes) & {code for code, _n in common}  # nothing twice
    names = [name for _code, name in others]
    assert names == sorted(names, key=languages.sort_key)
    assert "vol" not in other_codes and "epo" not in other_codes  # no Volapük, Esperanto
    # a code a record already holds stays choosable
    assert ("vol", "Volapük") in grouped_choices(("vol",))[1][1]


def test_every_language_of_the_list_is_a_living_iso_639_3_language() -> None:
    for code in languages.NAMES:
        language = pycountry.languages.get(alpha_3=code)
        assert language is not None and language.type == "L", code
