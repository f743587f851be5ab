"""The default checklist of the clearing (data/clearing_criteria.json), installed by a
migration; an installation edits the areas afterwards and a second install changes
nothing it already has."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULTS = Path(__file__).resolve().parent / "data" / "clearing_criteria.json"


def install_default_criteria(criterion_model: Any = None) -> None:
    """`criterion_model` is the migration's historical model, or the current one."""
    if criterion_model is None:
        from teilhabe.mediation.models_clearing import ClearingCriterion as criterion_model
    for entry in json.loads(DEFAULTS.read_text(encoding="utf-8")):
        criterion_model.objects.get_or_create(
            code=entry["code"], defaults={"label": entry["label"], "order": entry["order"]}
        )
