"""The plan objects the role matrix (accounts/tests/test_role_matrix.py) opens: a
concept with a field, a goal in a district action plan and a measure with progress and
an indicator, led by the provider (whose team lead and coordinators record progress)."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.documents import storage
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Area, Organisation
from teilhabe.planning.models import (
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    Measure,
    ProgressEntry,
)
from teilhabe.planning.models_import import PlanImportRun


def planning_world(provider: Organisation | None = None) -> dict[str, Any]:
    concept = Concept.objects.create(slug="wir-welt", title="WIR Welt")
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    goal = Goal.objects.create(concept=concept, code="Z1", title="Sprache", field=field)
    area = Area.objects.filter(parent__isnull=False).first() or Area.objects.create(
        code="WELT-NORD", name="Nord"
    )
    Goal.objects.create(concept=concept, code="Z1.N", title="Sprachcafés", parent=goal, area=area)
    lead = actor_for_organisation(provider) if provider is not None else None
    measure = Measure.objects.create(concept=concept, code="M1", title="Sprachkurse", lead=lead)
    measure.goals.add(goal)
    indicator = Indicator.objects.create(measure=measure, name="Teilnehmende", target=40)
    stored = storage.store([b"%PDF-1.4 Bericht"], 1024)
    entry = ProgressEntry.objects.create(
        measure=measure,
        date=datetime.date(2024, 1, 1),
        status="laufend",
        stand=40,
        attachment_id=stored.file_id,
        attachment_type=storage.PDF,
        attachment_size=stored.size,
        attachment_name="bericht.pdf",
    )
    return {
        "<concept>": concept.slug,
        "<plan_field>": field.pk,
        "<plan_goal>": goal.pk,
        "<plan_area>": area.pk,
        "<plan_measure>": measure.pk,
        "<plan_indicator>": indicator.pk,
        "<plan_entry>": entry.pk,
        "<plan_import>": PlanImportRun.objects.create(concept_slug="wir-welt", status="done").pk,
    }
