"""Fails when the German catalogue misses a UI string or holds a fuzzy translation.

Regenerates the catalogue from the sources (makemessages), asks msgfmt for its
statistics, and puts the committed file back, so that the check changes nothing.
To add what is missing: `make messages`, translate, commit.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "teilhabe" / "locale" / "de" / "LC_MESSAGES" / "django.po"
TEILHABE = ROOT / ".venv" / "bin" / "teilhabe"


def main() -> int:
    committed = PO.read_bytes()
    try:
        subprocess.run(
            [str(TEILHABE), "makemessages", "-l", "de", "--no-location", "--no-obsolete",
             "--ignore", ".venv/*", "--ignore", "node_modules/*", "--ignore", "var/*", "-v", "0"],
            cwd=ROOT, check=True,
        )  # fmt: skip
        result = subprocess.run(
            ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(PO)],
            capture_output=True, text=True,
        )  # fmt: skip
        missing = re.findall(r'^msgid "(.+)"\nmsgstr ""\n\n', PO.read_text(encoding="utf-8"), re.M)
    finally:
        PO.write_bytes(committed)
    statistics = result.stderr.strip()
    print(f"German catalogue: {statistics}")
    problems = result.returncode != 0 or "untranslated" in statistics or "fuzzy" in statistics
    for msgid in missing[:50]:
        print(f"  untranslated: {msgid}")
    if problems:
        print("Run `make messages`, translate the new entries, and commit the .po file.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
