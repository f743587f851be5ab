"""Small-number protection for the city statistics' tables.

The algorithm lives in core/disclosure.py, the one place both the city statistics and
the district monitoring call; this module keeps the names the reports import.
"""

from __future__ import annotations

from teilhabe.core.disclosure import (
    Cell,
    Grid,
    extend,
    lines,
    published,
    share,
    suppress,
    suppress_linked,
)

__all__ = ["Cell", "Grid", "extend", "lines", "published", "share", "suppress", "suppress_linked"]
