"""The participation objects the role matrix (accounts/tests/test_role_matrix.py) opens:
a published concept with a field, a goal and two measures (one a draft with an internal
note), a World Café with counts, and ideas: one taken up, one not taken up, one open."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.network.models import Actor, ActorKind
from teilhabe.participation import services
from teilhabe.participation.models import Answer, EventKind, ParticipationEvent
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure

DAY = datetime.date(2025, 3, 15)


def participation_world() -> dict[str, Any]:
    concept = Concept.objects.create(slug="beteiligt", title="Beteiligt 2030", published=True)
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Sprache")
    goal = Goal.objects.create(concept=concept, code="Z1", title="Deutsch lernen", field=field)
    lead = Actor.objects.create(name="Volkshochschule Welt", kind=ActorKind.objects.get(code="vhs"))
    measure = Measure.objects.create(concept=concept, code="M1", title="Abendkurse", lead=lead)
    draft = Measure.objects.create(
        concept=concept,
        code="M2",
        title="Geheimer Entwurf",
        draft=True,
        internal_note="Nur intern: Haushalt unklar",
    )
    measure.goals.add(goal)
    draft.goals.add(goal)
    event = services.save_event(
        ParticipationEvent(
            concept=concept,
            kind=EventKind.WORLD_CAFE,
            title="World Café Welt",
            date=DAY,
            age_18_26=3,
            age_27_64=5,
            female=4,
            male=3,
            gender_unknown=1,
        ),
        organisers=[lead],
    )
    taken = services.add_idea(event, text="Kurse am Abend", topic="Sprache", field=field)
    services.answer_idea(taken, answer=Answer.TAKEN_UP, measure=measure, day=DAY)
    refused = services.add_idea(event, text="Kurse kostenlos im Bus")
    services.answer_idea(
        refused, answer=Answer.NOT_TAKEN_UP, reason="Nicht Sache der Stadt", day=DAY
    )
    open_idea = services.add_idea(event, text="Ein Lesecafé")
    return {
        "<participation_concept>": concept.slug,
        "<participation_event>": event.pk,
        "<participation_idea>": open_idea.pk,
        "<participation_measure>": measure.pk,
        "<participation_draft>": draft.pk,
    }
