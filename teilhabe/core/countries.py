"""Countries by ISO code, with German names (pycountry); languages: core/languages.py.

`country_code()` takes what users type in their Excel lists: an alpha-2 code, the
German name in its common form ("Russland", "Syrien", "Kosovo") or the official form
("Russische Föderation"). Kosovo, which ISO does not list, is `XK`; `XX` stands for
stateless or unclear.
"""

from __future__ import annotations

import gettext
import json
import unicodedata
from functools import cache
from pathlib import Path

import pycountry

from teilhabe.core import languages

ALIASES = Path(__file__).resolve().parent / "data" / "country_aliases.json"
# Codes outside ISO 3166 that registers and counselling lists use; names in the data file.
EXTRA_COUNTRIES: dict[str, str] = json.loads(ALIASES.read_text(encoding="utf-8"))["_names"]


def _key(name: str) -> str:
    """Lower case, umlauts folded (ü -> ue), accents and punctuation removed."""
    text = name.strip().casefold()
    for umlaut, plain in (("\u00e4", "ae"), ("\u00f6", "oe"), ("\u00fc", "ue"), ("\u00df", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


@cache
def _german() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    german = _german()
    for country in pycountry.countries:
        code = country.alpha_2
        names = [
            country.name,
            getattr(country, "official_name", ""),
            getattr(country, "common_name", ""),
        ]
        for name in list(names):
            if name:
                names.append(german.gettext(name))
        for name in names:
            if not name:
                continue
            table.setdefault(_key(name), code)
            # "Syrien, Arabische Republik" is also written "Syrien".
            if "," in name:
                table.setdefault(_key(name.split(",")[0]), code)
        table[code.lower()] = code
        table[country.alpha_3.lower()] = code
    for code, name in EXTRA_COUNTRIES.items():
        table[code.lower()] = code
        table[_key(name)] = code
    aliases = json.loads(ALIASES.read_text(encoding="utf-8"))
    table.update({_key(k): v for k, v in aliases.items() if not k.startswith("_")})
    return table


@cache
def country_code(value: str) -> str | None:
    """The ISO alpha-2 code for a code or name, or None if unknown."""
    if not value.strip():
        return None
    if len(value.strip()) == 2 and value.strip().upper() in EXTRA_COUNTRIES:
        return value.strip().upper()
    return _lookup().get(_key(value))


# The names German reports and counsellors use ("Syrien", as in the seed report), where
# the German ISO name is the formal one ("Syrien, Arabische Republik").
COMMON_GERMAN = {
    "BN": "Brunei",
    "BO": "Bolivien",
    "BY": "Belarus",
    "CD": "Kongo (Demokratische Republik)",
    "CG": "Kongo (Republik)",
    "CZ": "Tschechien",
    "FM": "Mikronesien",
    "GB": "Vereinigtes Königreich",
    "IR": "Iran",
    "KP": "Nordkorea",
    "KR": "Südkorea",
    "LA": "Laos",
    "MD": "Moldau",
    "PS": "Palästina",
    "RU": "Russland",
    "SY": "Syrien",
    "TR": "Türkei",
    "TW": "Taiwan",
    "TZ": "Tansania",
    "UM": "Kleinere Amerikanische Überseeinseln",  # pycountry has no German name
    "US": "Vereinigte Staaten",
    "VA": "Vatikanstadt",
    "VE": "Venezuela",
    "VN": "Vietnam",
}


def country_name(code: str) -> str:
    if code in EXTRA_COUNTRIES:
        return EXTRA_COUNTRIES[code]
    if code in COMMON_GERMAN:
        return COMMON_GERMAN[code]
    country = pycountry.countries.get(alpha_2=code)
    return _german().gettext(country.name) if country else code


@cache
def country_choices() -> list[tuple[str, str]]:
    codes = [c.alpha_2 for c in pycountry.countries] + list(EXTRA_COUNTRIES)
    return sorted(((code, country_name(code)) for code in codes), key=lambda item: _key(item[1]))


# Languages live in core/languages.py (ISO 639-3); these names stay for the callers.
language_code = languages.language_code
language_name = languages.language_name
language_choices = languages.language_choices
