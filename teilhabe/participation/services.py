"""Write paths of participation: events with their counts, ideas, and the answer to an
idea (taken up as a measure, merged, not taken up with a reason).

Bad input raises `ValidationError` with a message for the form and stores nothing.
Edits of existing records go through `save_versioned` against the version the form was
loaded with. Every answer is also added to the idea's history (`IdeaAnswer`), which is
never changed. Who may call what is decided in access.py and checked by the views.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.versioning import save_versioned
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.participation.models import (
    AGE_FIELDS,
    GENDER_FIELDS,
    Answer,
    Idea,
    IdeaAnswer,
    ParticipationEvent,
)
from teilhabe.planning import services as plan_services
from teilhabe.planning.models import Goal, Measure

# More people than this at one participation event is a typing error, not a conference.
MAX_PARTICIPANTS = 5000


def count_problems(counts: Mapping[str, int | None]) -> list[str]:
    """What is wrong with the counts of an event (field name -> number), if anything."""
    values = {name: counts.get(name) or 0 for name in (*AGE_FIELDS, *GENDER_FIELDS)}
    if any(value < 0 for value in values.values()):
        return [_("A number of participants cannot be negative.")]
    by_age = sum(values[name] for name in AGE_FIELDS)
    by_gender = sum(values[name] for name in GENDER_FIELDS)
    problems = []
    if by_age != by_gender:
        problems.append(
            _(
                "The counts by age band add up to %(age)s participants, the counts by "
                "gender to %(gender)s; every participant is counted once in each."
            )
            % {"age": by_age, "gender": by_gender}
        )
    if max(by_age, by_gender) > MAX_PARTICIPANTS:
        problems.append(
            _("More than %(maximum)s participants at one event are not plausible.")
            % {"maximum": MAX_PARTICIPANTS}
        )
    return problems


@transaction.atomic
def save_event(
    event: ParticipationEvent,
    *,
    organisers: Iterable[Actor] = (),
    version: int | None = None,
) -> ParticipationEvent:
    problems = count_problems(
        {name: getattr(event, name) for name in (*AGE_FIELDS, *GENDER_FIELDS)}
    )
    if problems:
        raise ValidationError(problems)
    event.full_clean()
    if event.pk is None:
        event.save()
    else:
        assert version is not None, "edits carry the version they were loaded with"
        save_versioned(event, version)
    event.organisers.set(organisers)
    return event


def add_idea(event: ParticipationEvent, *, text: str, topic: str = "", field: Any = None) -> Idea:
    if not text.strip():
        raise ValidationError(_("Enter the idea."))
    if field is not None and field.concept_id != event.concept_id:
        raise ValidationError(_("The field of action belongs to another concept."))
    idea = Idea(event=event, text=text.strip(), topic=topic.strip(), field=field)
    idea.full_clean()
    idea.save()
    return idea


def _check_answer(
    idea: Idea, answer: str, measure: Measure | None, merged_into: Idea | None, reason: str
) -> None:
    concept_id = idea.event.concept_id
    if answer == Answer.OPEN:
        raise ValidationError(_("Choose an answer."))
    if answer == Answer.TAKEN_UP and measure is None:
        raise ValidationError(_("Choose the measure that takes the idea up."))
    if answer == Answer.MERGED and (measure is None) == (merged_into is None):
        raise ValidationError(_("Choose either the idea or the measure it is merged into."))
    if answer == Answer.NOT_TAKEN_UP and not reason.strip():
        raise ValidationError(_("Give the reason why the idea is not taken up."))
    if measure is not None and measure.concept_id != concept_id:
        raise ValidationError(_("The measure belongs to another concept."))
    if merged_into is not None:
        if merged_into.event.concept_id != concept_id:
            raise ValidationError(_("The idea it is merged into belongs to another concept."))
        # Follow the merges from the target: meeting this idea would be a circle.
        seen: set[int] = set()
        current: Idea | None = merged_into
        while current is not None and current.pk not in seen:
            if current.pk == idea.pk:
                raise ValidationError(_("An idea cannot be merged into itself."))
            seen.add(current.pk)
            current = current.merged_into


@transaction.atomic
def answer_idea(
    idea: Idea,
    *,
    answer: str,
    day: datetime.date,
    user: Any = None,
    measure: Measure | None = None,
    merged_into: Idea | None = None,
    reason: str = "",
    public_text: str = "",
    version: int | None = None,
) -> Idea:
    """Gives the idea its answer (a later answer replaces an earlier one on the idea and
    both stay in its history). Only what the answer carries is stored: a measure for a
    taken-up idea, the idea or measure it is merged into, the reason for one not taken up."""
    if answer != Answer.MERGED:
        merged_into = None
    if answer == Answer.NOT_TAKEN_UP:
        measure = None
    else:
        reason = reason if answer != Answer.TAKEN_UP else ""
    _check_answer(idea, answer, measure, merged_into, reason)
    idea.answer, idea.measure, idea.merged_into = answer, measure, merged_into
    idea.reason, idea.public_text, idea.answered_on = reason.strip(), public_text.strip(), day
    idea.full_clean()
    save_versioned(idea, idea.version if version is None else version)
    IdeaAnswer.objects.create(
        idea=idea,
        answer=idea.answer,
        measure=idea.measure,
        merged_into=idea.merged_into,
        reason=idea.reason,
        public_text=idea.public_text,
        answered_on=day,
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    return idea


@transaction.atomic
def answer_with_new_measure(
    idea: Idea,
    measure: Measure,
    *,
    goals: Iterable[Goal],
    partners: Iterable[Actor],
    areas: Iterable[Area],
    day: datetime.date,
    user: Any = None,
    public_text: str = "",
    version: int | None = None,
) -> Measure:
    """Creates the measure through the plan's own write path and answers the idea with
    it, in one transaction: a refused measure leaves the idea open, a refused answer
    leaves no measure behind."""
    if measure.concept_id != idea.event.concept_id:
        raise ValidationError(_("The measure belongs to another concept."))
    plan_services.save_measure(measure, goals=goals, partners=partners, areas=areas)
    answer_idea(
        idea,
        answer=Answer.TAKEN_UP,
        day=day,
        user=user,
        measure=measure,
        public_text=public_text,
        version=version,
    )
    return measure
