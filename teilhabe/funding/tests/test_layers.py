"""Funding sits below the plan and the grants (shared/CITY-LEVEL.md): its code imports
organisations and core, never an app that uses it; what depends on a programme is found
through the model registry instead."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
ALLOWED = ("teilhabe.funding", "teilhabe.core", "teilhabe.organisations", "teilhabe.accounts.roles")


def test_funding_imports_no_app_above_it() -> None:
    found = []
    for path in APP.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [
                (path.name, name)
                for name in names
                if name.startswith("teilhabe.") and not name.startswith(ALLOWED)
            ]
    assert found == []
