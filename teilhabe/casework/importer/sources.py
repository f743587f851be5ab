"""Where the tables of a casework import come from: a folder, a ZIP or an XLSX workbook,
read by the shared reader (core/tabular_sources.py) within the limits of
core.tabular.Limits. Casework only names its tables."""

from __future__ import annotations

from pathlib import Path

from teilhabe.core import tabular_sources
from teilhabe.core.tabular import Limits
from teilhabe.core.tabular_sources import SourceTable

TABLES = ("personen", "faelle", "kontakte", "ziele")
REQUIRED_TABLES = ("personen", "faelle")

__all__ = ["REQUIRED_TABLES", "TABLES", "SourceTable", "open_tables"]


def open_tables(path: Path, limits: Limits | None = None) -> dict[str, SourceTable]:
    return tabular_sources.open_tables(path, TABLES, REQUIRED_TABLES, limits)
