"""Languages as ISO 639-3 codes with the German names counselling uses.

Stored values are ISO 639-3 (`ara`, `prs`, `kmr`): ISO 639-1 has no code for Dari,
Kurmanji, Sorani, the Arabic dialects or the Romani varieties that counselling
services book interpreters for. `data/languages.json` is the list the forms offer:
living languages a counselling service meets, each with the name a German counsellor
would look for (pycountry's German names are partly dated, e.g. "Zigeunersprache") and
an English one, no constructed or historical ones (no Volapük); `common` are offered
first. Codes outside the list (from an import) are named by pycountry.

ISO 639-1 codes (the casework import format, old data) become ISO 639-3 by ISO's own
correspondence (`iso1_to_iso3()`, from pycountry): where the two-letter code is a
macrolanguage, so is the result. So `ar` becomes `ara` (Arabic) and `fa` becomes `fas`
(Persian, the macrolanguage), not `pes` (Farsi of Iran) or `prs` (Dari): a stored `fa`
does not say which of them the client speaks, and the conversion invents nothing.
"""

from __future__ import annotations

import gettext
import json
import unicodedata
from functools import cache
from pathlib import Path

import pycountry
from django.utils import translation

DATA = Path(__file__).resolve().parent / "data" / "languages.json"
_DATA = json.loads(DATA.read_text(encoding="utf-8"))
# ISO 639-3 code → {"de": German name, "en": English name}
NAMES: dict[str, dict[str, str]] = _DATA["languages"]
# What the services meet most, in this order: the picker offers these first.
COMMON: tuple[str, ...] = tuple(_DATA["common"])
LANGUAGES = frozenset(NAMES)


def _key(text: str) -> str:
    """Lower case without accents, umlauts folded: "Türkisch" matches "turkisch"."""
    text = text.strip().casefold()
    for umlaut, plain in (("\u00e4", "ae"), ("\u00f6", "oe"), ("\u00fc", "ue"), ("\u00df", "ss")):
        text = text.replace(umlaut, plain)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def iso1_to_iso3() -> dict[str, str]:
    """Every ISO 639-1 code with its ISO 639-3 code (`ar` → `ara`, `fa` → `fas`)."""
    return {
        language.alpha_2: language.alpha_3
        for language in pycountry.languages
        if hasattr(language, "alpha_2")
    }


@cache
def _iso3_to_iso1() -> dict[str, str]:
    return {three: two for two, three in iso1_to_iso3().items()}


@cache
def _bibliographic() -> dict[str, str]:
    """ISO 639-2/B codes some lists still use (`ger`, `per`, `alb`) → ISO 639-3."""
    return {
        language.bibliographic: language.alpha_3
        for language in pycountry.languages
        if hasattr(language, "bibliographic")
    }


@cache
def _by_name() -> dict[str, str]:
    """German and English names of the list, and the short forms counsellors type."""
    table = {_key(name): code for code, names in NAMES.items() for name in names.values()}
    for name, code in (("Farsi", "pes"), ("Kurmandschi", "kmr"), ("Kurmanji", "kmr")):
        table[_key(name)] = code
    for name, code in (("Sorani", "ckb"), ("Romanes", "rom"), ("Romani", "rom")):
        table[_key(name)] = code
    return table


def _living(code: str) -> bool:
    """A living language of ISO 639-3 (no constructed, historical or extinct ones)."""
    language = pycountry.languages.get(alpha_3=code)
    return language is not None and getattr(language, "type", "") == "L"


@cache
def language_code(value: str) -> str | None:
    """The ISO 639-3 code for an ISO 639-1 code (any of them: the import format names
    them), an ISO 639-3 or 639-2/B code of a living language, or a name of the list;
    None when it is none of these."""
    text = value.strip()
    lowered = text.lower()
    if len(lowered) == 2:
        return iso1_to_iso3().get(lowered)
    if len(lowered) == 3 and lowered.isascii() and lowered.isalpha():
        if lowered in LANGUAGES or _living(lowered):
            return lowered
        if lowered in _bibliographic():
            return _bibliographic()[lowered]
    return _by_name().get(_key(text))


def to_iso639_3(codes: list[str]) -> list[str]:
    """Stored or typed codes as ISO 639-3, unknown ones kept, no code twice."""
    converted = (language_code(code) or code for code in codes if code)
    return list(dict.fromkeys(converted))


def to_iso639_1(code: str) -> str:
    """The ISO 639-1 code of a stored code for a format that asks for one; "" when ISO
    639-1 has none (Dari, Kurmanji ...)."""
    if len(code) == 2:
        return code
    return _iso3_to_iso1().get(code, "")


@cache
def _pycountry_german() -> gettext.NullTranslations:
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=["de"])


def _german() -> bool:
    return (translation.get_language() or "de").startswith("de")


def language_name(code: str) -> str:
    """The name of an ISO 639-3 code (or of an ISO 639-1 code not yet converted) in the
    active language (German unless English is active); the code when it is unknown."""
    return _name(code, _german())


@cache
def _name(code: str, german: bool) -> str:
    if not code:
        return ""
    three = iso1_to_iso3().get(code, code) if len(code) == 2 else code
    if three in NAMES:
        return NAMES[three]["de" if german else "en"]
    language = pycountry.languages.get(alpha_3=three)
    if language is None:
        return code
    name = _pycountry_german().gettext(language.name) if german else language.name
    return name.split(";")[0].strip()  # "Romani; Zigeunersprache": the first name only


def language_choices(extra: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every language of the list by name, with `extra` codes a record already holds
    that the list lacks (an imported `vol`): offered so that saving keeps them."""
    german = _german()
    codes = [*NAMES, *(code for code in extra if code and code not in NAMES)]
    return sorted(((code, _name(code, german)) for code in codes), key=lambda i: sort_key(i[1]))


def grouped_choices(extra: tuple[str, ...] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """The picker's choices: the languages frequent in counselling first (in the order
    of `COMMON`), then the other languages by name."""
    from django.utils.translation import gettext as _

    german = _german()
    common = [(code, _name(code, german)) for code in COMMON]
    others = [item for item in language_choices(extra) if item[0] not in COMMON]
    return [(_("Frequent in counselling"), common), (_("Other languages"), others)]


def sort_key(name: str) -> str:
    """How names are sorted: umlauts as their spelled-out vowels ("Ä" as "Ae")."""
    return _key(name)
