"""The plan objects the role matrix (accounts/tests/test_role_matrix.py) opens: a
concept with a field, a goal and a measure with progress."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry


def planning_world() -> dict[str, Any]:
    concept = Concept.objects.create(slug="wir-welt", title="WIR Welt")
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    goal = Goal.objects.create(concept=concept, code="Z1", title="Sprache", field=field)
    measure = Measure.objects.create(concept=concept, code="M1", title="Sprachkurse")
    measure.goals.add(goal)
    ProgressEntry.objects.create(
        measure=measure, date=datetime.date(2024, 1, 1), status="laufend", stand=40
    )
    return {"<concept>": concept.slug}
