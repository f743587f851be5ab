"""Helpers for the command line: the language of messages, progress on terminals."""

from __future__ import annotations

import os
import sys

from django.utils import translation


def activate_cli_language() -> None:
    """German messages when the locale is German, English otherwise (cli.md)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            translation.activate("de" if value.lower().startswith("de") else "en")
            return
    translation.activate("en")


def terminal_progress(percent: int) -> None:
    """A progress bar on a terminal; nothing when the output goes to a file or script."""
    if not sys.stderr.isatty():
        return
    done = percent * 30 // 100
    sys.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {percent:3d} %")
    if percent >= 100:
        sys.stderr.write("\n")
    sys.stderr.flush()
