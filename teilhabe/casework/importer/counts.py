"""How many records of one kind an import created, changed and left alone."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
