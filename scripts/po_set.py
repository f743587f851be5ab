"""Sets German translations in the catalogue: `po_set.py 'msgid=Übersetzung' ...`.

A helper for translators: it fills an entry's msgstr and drops its fuzzy flag.
Only single-line, non-plural msgids are handled; edit others by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "teilhabe" / "locale" / "de" / "LC_MESSAGES" / "django.po"


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main() -> None:
    text = PO.read_text(encoding="utf-8")
    for pair in sys.argv[1:]:
        msgid, translation = pair.split("=", 1)
        flags = r"(?:#, fuzzy\n)?(?:#\| [^\n]*\n)*"
        entry = 'msgid "' + re.escape(escape(msgid)) + r'"\nmsgstr "[^\n]*"\n'
        pattern = re.compile(flags + entry)
        replacement = f'msgid "{escape(msgid)}"\nmsgstr "{escape(translation)}"\n'

        # A function, not a string, so that backslashes in the text stay literal.
        def literal(_match: re.Match[str], fixed: str = replacement) -> str:
            return fixed

        text, count = pattern.subn(literal, text)
        if count != 1:
            sys.exit(f"{msgid!r}: found {count} times")
    PO.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
