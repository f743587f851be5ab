"""Search keys for names: transliteration and the Cologne phonetics (Koelner Phonetik).

"Olena Kovalenko" and the Cyrillic spelling share one plain key after transliteration;
"Schmitt" and "Schmidt" share one phonetic key. Keys are words joined by spaces, so a
query matches word by word.

`name_keys` gives the rows of the name index (casework.models.NameKey): one per word
of a name, the word reduced to the letters a-z and digits (so that a prefix is a
plain range of the index in every database collation) and its phonetic code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii
from cologne_phonetics import encode as cologne

WORD = re.compile(r"[a-z0-9]+")
KEY_LENGTH = 100


def plain_key(name: str) -> str:
    return " ".join(anyascii(name).lower().split())


def phonetic_key(name: str) -> str:
    words = plain_key(name).split()
    codes = [code for _word, code in cologne(" ".join(words))] if words else []
    return " ".join(code for code in codes if code)


def name_words(name: str) -> list[str]:
    """ "Müller-Lüdenscheid" -> ["muller", "ludenscheid"]; "Олена" -> ["olena"]."""
    return [word[:KEY_LENGTH] for word in WORD.findall(anyascii(name).lower())]


@lru_cache(maxsize=65536)
def word_code(word: str) -> str:
    """The Cologne code of one word (names repeat, so codes are cached)."""
    codes = cologne(word)
    return codes[0][1][:KEY_LENGTH] if codes else ""


def name_keys(name: str) -> set[tuple[str, str]]:
    return {(word, word_code(word)) for word in name_words(name)}


def prefix_end(prefix: str) -> str:
    """The smallest string after every string starting with `prefix` (a-z, 0-9 only),
    so `prefix <= word < prefix_end(prefix)` is an index range."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
