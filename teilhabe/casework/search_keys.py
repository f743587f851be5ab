"""Search keys for names: transliteration and the Cologne phonetics (Koelner Phonetik).

"Olena Kovalenko" and the Cyrillic spelling share one plain key after transliteration;
"Schmitt" and "Schmidt" share one phonetic key. Keys are words joined by spaces, so a
query matches word by word.
"""

from __future__ import annotations

from anyascii import anyascii
from cologne_phonetics import encode as cologne


def plain_key(name: str) -> str:
    return " ".join(anyascii(name).lower().split())


def phonetic_key(name: str) -> str:
    words = plain_key(name).split()
    codes = [code for _word, code in cologne(" ".join(words))] if words else []
    return " ".join(code for code in codes if code)
