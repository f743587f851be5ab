"""The demo loader on a small concept (five measures, three fields, one district action
plan): three events with the counts and answers of data/demo.json, counted by hand."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ImproperlyConfigured

from teilhabe.network.models import Actor, ActorKind
from teilhabe.organisations.models import Area
from teilhabe.participation import selectors
from teilhabe.participation.demo import load_participation
from teilhabe.participation.models import Answer, EventKind, Idea
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 30)


def small_concept(measures: int = 5) -> Concept:
    """Three fields; M1, M2 serve a goal of HF1, M3 one of HF2, M4 and M5 a district goal
    whose field is its parent's, HF3; and a draft M0."""
    concept = Concept.objects.create(slug="klein", title="Klein")
    fields = [
        FieldOfAction.objects.create(concept=concept, code=f"HF{n}", title=f"Feld {n}")
        for n in (1, 2, 3)
    ]
    goals = [
        Goal.objects.create(concept=concept, code=f"Z{n}", title=f"Ziel {n}", field=field)
        for n, field in enumerate(fields, 1)
    ]
    top = Area.objects.create(code="KL", name="Klein-Stadt")
    north = Area.objects.create(code="KL-N", name="Nordviertel", parent=top)
    district = Goal.objects.create(
        concept=concept, code="Z3.N", title="Nord", parent=goals[2], area=north
    )
    lead = Actor.objects.create(name="Verein Klein", kind=ActorKind.objects.get(code="verein"))
    serves = [goals[0], goals[0], goals[1], district, district]
    for n in range(1, measures + 1):
        measure = Measure.objects.create(
            concept=concept, code=f"M{n}", title=f"Mass {n}", lead=lead
        )
        measure.goals.add(serves[n - 1])
    # A draft is never the target of a demo answer.
    draft = Measure.objects.create(concept=concept, code="M0", title="Entwurf", draft=True)
    draft.goals.add(goals[0])
    return concept


def test_three_events_with_ideas_and_answers() -> None:
    concept = small_concept()
    events = load_participation(concept, today=TODAY)
    assert [(e.kind, e.date, e.participants) for e in events] == [
        (EventKind.WORLD_CAFE, datetime.date(2025, 5, 6), 54),  # 420 days before
        (EventKind.FUTURE_CONFERENCE, datetime.date(2025, 9, 3), 78),  # 300 days before
        (EventKind.DISTRICT_CONFERENCE, datetime.date(2026, 1, 31), 40),  # 150 days before
    ]
    district = events[2]
    assert district.area is not None and district.area.code == "KL-N"
    assert district.title.endswith("Nordviertel")
    assert [e.area for e in events[:2]] == [None, None]
    assert [a.name for a in events[0].organisers.all()] == ["Verein Klein"]

    ideas = Idea.objects.filter(event__concept=concept)
    assert Counter(ideas.values_list("answer", flat=True)) == {
        Answer.TAKEN_UP: 5,
        Answer.MERGED: 3,
        Answer.NOT_TAKEN_UP: 3,
        Answer.OPEN: 2,
    }
    assert not ideas.filter(measure__draft=True).exists()
    assert all(idea.reason for idea in ideas.filter(answer=Answer.NOT_TAKEN_UP))
    # Answers come 45 days after their event.
    first = ideas.filter(event=events[0]).exclude(answer=Answer.OPEN)
    assert set(first.values_list("answered_on", flat=True)) == {datetime.date(2025, 6, 20)}
    # Each idea goes to a measure of its own field (data/demo.json: field index modulo
    # three here): M1 took up the World Café's first idea, with its second merged into
    # it; M2 had the Kita idea merged into it; M3 (HF2) took up two ideas, one with a
    # merged idea; M4 (HF3 through its goal's parent) took up two; M5 none.
    behind = {
        measure.code: [idea.text[:12] for idea in selectors.ideas_behind(measure)]
        for measure in Measure.objects.filter(concept=concept, draft=False)
    }
    assert {code: len(texts) for code, texts in behind.items()} == {
        "M1": 2,
        "M2": 1,
        "M3": 3,
        "M4": 2,
        "M5": 0,
    }
    assert behind["M1"] == ["Mehr Sprachk", "Sprachcafés "]

    # Runs once: a second call leaves the events as they are.
    assert load_participation(concept, today=TODAY) == events
    assert Idea.objects.filter(event__concept=concept).count() == 13


def test_a_concept_with_too_few_measures_is_refused() -> None:
    with pytest.raises(ImproperlyConfigured):
        load_participation(small_concept(measures=4), today=TODAY)
