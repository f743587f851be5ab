"""The plan imports funding (programmes), organisations (areas), network (actors) and
the figures of the apps that feed its indicators (shared/CITY-LEVEL.md), never reports,
grants or casework models: the reports app lays the plan out, not the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
ALLOWED = (
    "teilhabe.planning",
    "teilhabe.core",
    "teilhabe.organisations",
    "teilhabe.network",
    "teilhabe.funding",
    "teilhabe.accounts.roles",
    "teilhabe.activities.figures",
    "teilhabe.programmes.figures",
    # Counselling sessions in an area, counted by casework's own rule (no models).
    "teilhabe.casework.figures",
    # The upload checks and the private folder of the documents, for attachments.
    "teilhabe.documents.storage",
    # The lead organisation's programmes, to hand to programmes.figures.
    "teilhabe.programmes.models",
    # The registry of the district profile's "What happens there" (imports no app).
    "teilhabe.monitoring.registry",
)


def test_planning_imports_only_what_lies_below_it() -> None:
    found = []
    for path in APP.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                # `from teilhabe.documents import storage` imports teilhabe.documents.storage
                names = [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            found += [
                (path.name, name)
                for name in names
                if name.startswith("teilhabe.") and not name.startswith(ALLOWED)
            ]
    assert found == []
