"""Copies the front-end packages installed by `npm ci` into teilhabe/static/vendor.

No bundler is needed: KERN UX ships plain CSS and fonts, htmx one file. The copy keeps
the packages' licences beside them, and nothing is loaded from a CDN at run time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
VENDOR = ROOT / "teilhabe" / "static" / "vendor"

COPIES: list[tuple[str, str]] = [
    ("@kern-ux/native/dist/kern.min.css", "kern/kern.min.css"),
    ("@kern-ux/native/dist/fonts/fira-sans.css", "kern/fonts/fira-sans.css"),
    ("@kern-ux/native/dist/fonts/fira-sans", "kern/fonts/fira-sans"),
    ("@kern-ux/native/LICENSE.md", "kern/LICENSE.md"),
    ("htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"),
    ("htmx.org/LICENSE", "htmx/LICENSE"),
]


def main() -> None:
    if VENDOR.exists():
        shutil.rmtree(VENDOR)
    for source, target in COPIES:
        src, dst = NODE / source, VENDOR / target
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst)
        else:
            shutil.copy2(src, dst)
    print(f"assets copied to {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
