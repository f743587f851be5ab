"""The `teilhabe` console script: every Django management command, plus the verbs of
shared/formats/cli.md (`teilhabe import areas ...`, `teilhabe organisations create ...`)."""

from __future__ import annotations

import os
import sys

# `import` is a Python keyword, so its management command carries another name.
ALIASES = {"import": "import_data"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
