"""Helpers for the command line: the language of messages, progress on terminals."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.utils import translation

T = TypeVar("T")


def activate_cli_language() -> None:
    """German messages when the locale is German, English otherwise (cli.md)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            translation.activate("de" if value.lower().startswith("de") else "en")
            return
    translation.activate("en")


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Yields items; draws a progress bar on standard error when it is a terminal."""
    show = sys.stderr.isatty() and total > 0
    step = max(total // 100, 1)
    for index, item in enumerate(items, start=1):
        if show and (index % step == 0 or index == total):
            done = int(30 * index / total)
            sys.stderr.write(f"\r{label} [{'#' * done}{'.' * (30 - done)}] {index}/{total}")
            sys.stderr.flush()
        yield item
    if show:
        sys.stderr.write("\n")
