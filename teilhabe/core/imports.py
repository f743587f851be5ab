"""Registry of the kinds of `teilhabe import KIND PATH` (shared/formats/cli.md).

Each app registers its importer in AppConfig.ready, so that the command in core knows
no app above it. A handler checks and stores the file, returns a one-line summary,
and raises core.tabular.TableError with every problem otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

ImportHandler = Callable[[Path, dict[str, Any]], str]
IMPORTERS: dict[str, ImportHandler] = {}


def register_import(kind: str, handler: ImportHandler) -> None:
    IMPORTERS[kind] = handler
