"""The rules of participation: counts that add up, answers that carry what they need
(a measure, a merge target, a reason), the history of answers, and the new measure
created with its answer in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from teilhabe.core.versioning import EditConflict
from teilhabe.participation import selectors, services
from teilhabe.participation.models import (
    Answer,
    EventKind,
    Idea,
    IdeaAnswer,
    ParticipationEvent,
)
from teilhabe.participation.tests.world import participation_world
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 5, 2)


@pytest.fixture
def world() -> dict[str, object]:
    return participation_world()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # The messages are compared as msgids; the German comes with the .po file.
    with translation.override("en"):
        yield


def _event(**counts: int) -> ParticipationEvent:
    concept = Concept.objects.get(slug="beteiligt")
    return ParticipationEvent(
        concept=concept, kind=EventKind.FUTURE_CONFERENCE, title="ZK", date=DAY, **counts
    )


def test_counts_by_age_and_gender_must_add_up(world: dict[str, object]) -> None:
    # 2 + 7 + 1 = 10 by age; 6 + 3 = 9 by gender: one participant is missing by gender.
    counts = {"under_18": 2, "age_27_64": 7, "age_unknown": 1, "female": 6, "male": 3}
    assert services.count_problems(counts) == [
        "The counts by age band add up to 10 participants, the counts by gender to 9; "
        "every participant is counted once in each."
    ]
    with pytest.raises(ValidationError):
        services.save_event(_event(**counts))
    assert ParticipationEvent.objects.filter(title="ZK").count() == 0

    event = services.save_event(_event(**counts, gender_unknown=1))
    assert event.participants == 10
    assert [count for _label, count in event.age_counts()] == [2, 0, 7, 0, 1]
    assert [count for _label, count in event.gender_counts()] == [6, 3, 0, 1]


def test_negative_and_implausible_counts_are_refused() -> None:
    assert services.count_problems({"male": -1, "age_18_26": -1}) == [
        "A number of participants cannot be negative."
    ]
    huge = services.count_problems({"age_27_64": 6000, "female": 6000})
    assert huge == ["More than 5000 participants at one event are not plausible."]


def test_the_database_refuses_counts_that_do_not_add_up(world: dict[str, object]) -> None:
    event = ParticipationEvent.objects.get(pk=world["<participation_event>"])
    assert event.participants == 8  # 3 + 5 by age; 4 + 3 + 1 by gender
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipationEvent.objects.filter(pk=event.pk).update(female=5)


def test_taking_up_needs_a_measure_of_the_same_concept(world: dict[str, object]) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    with pytest.raises(ValidationError, match="Choose the measure"):
        services.answer_idea(idea, answer=Answer.TAKEN_UP, day=DAY)
    other = Concept.objects.create(slug="anders", title="Anders")
    foreign = Measure.objects.create(concept=other, code="X1", title="Fremd")
    with pytest.raises(ValidationError, match="another concept"):
        services.answer_idea(idea, answer=Answer.TAKEN_UP, measure=foreign, day=DAY)
    idea.refresh_from_db()
    assert idea.answer == Answer.OPEN and idea.history.count() == 0

    measure = Measure.objects.get(pk=world["<participation_measure>"])
    services.answer_idea(idea, answer=Answer.TAKEN_UP, measure=measure, day=DAY, reason="x")
    idea.refresh_from_db()
    assert (idea.answer, idea.measure_id, idea.answered_on) == (Answer.TAKEN_UP, measure.pk, DAY)
    assert idea.reason == ""  # a taken-up idea carries no reason
    assert idea in selectors.ideas_behind(measure)


def test_not_taken_up_requires_a_reason(world: dict[str, object]) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    with pytest.raises(ValidationError, match="Give the reason"):
        services.answer_idea(idea, answer=Answer.NOT_TAKEN_UP, day=DAY, reason="  ")
    services.answer_idea(idea, answer=Answer.NOT_TAKEN_UP, day=DAY, reason="Bund zuständig")
    idea.refresh_from_db()
    assert (idea.answer, idea.reason, idea.measure_id) == (
        Answer.NOT_TAKEN_UP,
        "Bund zuständig",
        None,
    )
    # The database refuses a not-taken-up idea without a reason, whatever writes it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Idea.objects.filter(pk=idea.pk).update(reason="")


def test_a_merge_names_exactly_one_target_and_never_makes_a_circle(
    world: dict[str, object],
) -> None:
    event = ParticipationEvent.objects.get(pk=world["<participation_event>"])
    first = Idea.objects.get(pk=world["<participation_idea>"])
    second = services.add_idea(event, text="Lesepaten")
    measure = Measure.objects.get(pk=world["<participation_measure>"])
    with pytest.raises(ValidationError, match="either the idea or the measure"):
        services.answer_idea(second, answer=Answer.MERGED, day=DAY)
    with pytest.raises(ValidationError, match="either the idea or the measure"):
        services.answer_idea(
            second, answer=Answer.MERGED, day=DAY, measure=measure, merged_into=first
        )
    services.answer_idea(second, answer=Answer.MERGED, day=DAY, merged_into=first)
    with pytest.raises(ValidationError, match="merged into itself"):
        services.answer_idea(first, answer=Answer.MERGED, day=DAY, merged_into=second)
    # The measure that takes up `first` shows `second` as well: it was merged into it.
    services.answer_idea(first, answer=Answer.TAKEN_UP, day=DAY, measure=measure)
    behind = [idea.text for idea in selectors.ideas_behind(measure)]
    assert behind == ["Kurse am Abend", "Ein Lesecafé", "Lesepaten"]


def test_every_answer_stays_in_the_history(world: dict[str, object]) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    measure = Measure.objects.get(pk=world["<participation_measure>"])
    services.answer_idea(idea, answer=Answer.NOT_TAKEN_UP, day=DAY, reason="Erst prüfen")
    later = DAY + datetime.timedelta(days=30)
    services.answer_idea(idea, answer=Answer.TAKEN_UP, day=later, measure=measure)
    history = list(idea.history.order_by("id").values_list("answer", "answered_on", "reason"))
    assert history == [
        (Answer.NOT_TAKEN_UP, DAY, "Erst prüfen"),
        (Answer.TAKEN_UP, later, ""),
    ]
    entry = IdeaAnswer.objects.filter(idea=idea).first()
    assert entry is not None
    entry.reason = "geändert"
    with pytest.raises(ValueError):
        entry.save()


def test_a_stale_answer_is_refused(world: dict[str, object]) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    loaded = idea.version
    services.answer_idea(idea, answer=Answer.NOT_TAKEN_UP, day=DAY, reason="A")
    stale = Idea.objects.get(pk=idea.pk)
    with pytest.raises(EditConflict):
        services.answer_idea(stale, answer=Answer.NOT_TAKEN_UP, day=DAY, reason="B", version=loaded)
    assert Idea.objects.get(pk=idea.pk).reason == "A"


def test_a_new_measure_and_its_answer_are_stored_together(world: dict[str, object]) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    concept = idea.event.concept
    goal = Goal.objects.get(concept=concept, code="Z1")
    new = Measure(concept=concept, code="M9", title="Lesecafé")
    services.answer_with_new_measure(
        idea, new, goals=[goal], partners=[], areas=[], day=DAY, public_text="Ab Herbst"
    )
    idea.refresh_from_db()
    assert idea.answer == Answer.TAKEN_UP and idea.measure == new
    assert list(new.goals.all()) == [goal] and idea.public_text == "Ab Herbst"

    # A refused measure (no goal) leaves no measure and the idea as it was.
    other = services.add_idea(idea.event, text="Noch eine")
    with pytest.raises(ValidationError):
        services.answer_with_new_measure(
            other,
            Measure(concept=concept, code="M10", title="Ohne Ziel"),
            goals=[],
            partners=[],
            areas=[],
            day=DAY,
        )
    # A refused answer (stale version) takes the measure back with it.
    with pytest.raises(EditConflict):
        services.answer_with_new_measure(
            other,
            Measure(concept=concept, code="M11", title="Zu spät"),
            goals=[goal],
            partners=[],
            areas=[],
            day=DAY,
            version=other.version + 5,
        )
    assert not Measure.objects.filter(code__in=["M10", "M11"]).exists()
    other.refresh_from_db()
    assert other.answer == Answer.OPEN


def test_an_idea_names_a_field_of_its_own_concept(world: dict[str, object]) -> None:
    event = ParticipationEvent.objects.get(pk=world["<participation_event>"])
    other = Concept.objects.create(slug="anders", title="Anders")
    foreign = FieldOfAction.objects.create(concept=other, code="HF9", title="Fremd")
    with pytest.raises(ValidationError):
        services.add_idea(event, text="Idee", field=foreign)
    with pytest.raises(ValidationError):
        services.add_idea(event, text="   ")
