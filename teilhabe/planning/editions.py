"""Successor editions of a concept (issue 11, item 1): "WIR 3.0" started from "WIR 2.0".

`start_successor` copies, in one transaction,

- the fields of action (code, title);
- the goal tree with the same codes, fields, parents and areas (district action plans
  included), so that the new edition's tree is the old one's;
- the measures that are still open on the carry-over day: those whose status on that
  day (figures.states_on, the rule of plan.md) is neither `abgeschlossen` nor
  `abgebrochen`. Each keeps its code, texts, goals (the copies), lead, partners, areas,
  period, cost, funding programme, target groups, draft flag, internal note and
  indicators, and names the measure it came from (`Measure.carried_from`).

Progress entries are not copied: they are the old edition's history, reached through
the link, and copies would make the new edition claim a past it did not have. Instead
each carried measure gets one opening entry dated the carry-over day that sets the
status and stand it had then, with a remark naming where it came from. Without it a
measure running at 60 % would start the new edition as "planned, 0 %" and every
roll-up of the new edition would be wrong from its first day. (The opening entry is an
entry of its own: the 180-day reminder of a running measure counts from it.)

A concept has at most one successor (`Concept.predecessor` is one-to-one): a second
one is refused, also when two coordinators start one at the same moment.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from teilhabe.planning.figures import MeasureOnDate, states_on
from teilhabe.planning.models import (
    RESERVED_SLUGS,
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    Measure,
    ProgressEntry,
    Status,
)

CLOSED = {Status.COMPLETED.value, Status.CANCELLED.value}


def has_successor(concept: Concept) -> bool:
    return Concept.objects.filter(predecessor=concept).exists()


def _copy_goals(concept: Concept, new: Concept) -> dict[int, Goal]:
    """{old goal id: its copy}; parents before their children (a goal without a field
    needs its parent to exist, goal_has_field_or_parent)."""
    fields = {
        old.pk: FieldOfAction.objects.create(concept=new, code=old.code, title=old.title)
        for old in FieldOfAction.objects.filter(concept=concept).order_by("code")
    }
    goals = list(Goal.objects.filter(concept=concept).order_by("code"))
    copies: dict[int, Goal] = {}
    todo = goals
    while todo:
        ready = [g for g in todo if g.parent_id is None or g.parent_id in copies]
        if not ready:  # a cycle the importer and the forms refuse; never copy one
            raise ValidationError(_("The goal tree of the concept has a cycle."))
        for old in ready:
            copies[old.pk] = Goal.objects.create(
                concept=new,
                code=old.code,
                title=old.title,
                field=fields[old.field_id] if old.field_id else None,
                parent=copies[old.parent_id] if old.parent_id else None,
                area_id=old.area_id,
            )
        todo = [g for g in todo if g.pk not in copies]
    return copies


def _carry_measure(
    old: Measure, new: Concept, goals: dict[int, Goal], opening: dict[str, Any]
) -> Measure:
    measure = Measure.objects.create(
        concept=new,
        code=old.code,
        title=old.title,
        description=old.description,
        lead_id=old.lead_id,
        starts_on=old.starts_on,
        planned_end=old.planned_end,
        planned_cost=old.planned_cost,
        funding_id=old.funding_id,
        target_groups=old.target_groups,
        draft=old.draft,
        internal_note=old.internal_note,
        carried_from=old,
    )
    measure.goals.set([goals[g.pk] for g in old.goals.all()])
    measure.partners.set(old.partners.all())
    measure.areas.set(old.areas.all())
    for indicator in old.indicators.all():
        Indicator.objects.create(
            measure=measure,
            name=indicator.name,
            unit=indicator.unit,
            baseline=indicator.baseline,
            target=indicator.target,
            year=indicator.year,
            source=indicator.source,
        )
    ProgressEntry.objects.create(measure=measure, **opening)
    return measure


def carried_measures(concept: Concept, day: datetime.date) -> list[tuple[Measure, MeasureOnDate]]:
    """The measures of `concept` that a successor started on `day` carries over, each
    with its status and stand on that day."""
    measures = list(Measure.objects.filter(concept=concept).order_by("code"))
    states = states_on([m.pk for m in measures], day)
    return [(m, states[m.pk]) for m in measures if states[m.pk].status not in CLOSED]


def start_successor(
    concept: Concept,
    *,
    slug: str,
    title: str,
    day: datetime.date,
    user: Any,
    adopted_on: datetime.date | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Concept:
    """The next edition of `concept`, with the measures open on `day` carried over."""
    if slug in RESERVED_SLUGS:
        raise ValidationError(_("This short name is reserved; choose another."))
    if period_start and period_end and period_end < period_start:
        raise ValidationError(_("The concept's period ends before it starts."))
    try:
        with transaction.atomic():
            # The row lock makes a second coordinator wait, then see the first successor.
            Concept.objects.select_for_update().filter(pk=concept.pk).first()
            if has_successor(concept):
                raise ValidationError(_("This concept already has a successor edition."))
            if Concept.objects.filter(slug=slug).exists():
                raise ValidationError(_("This short name is already taken."))
            new = Concept(
                slug=slug,
                title=title,
                adopted_on=adopted_on,
                period_start=period_start,
                period_end=period_end,
                predecessor=concept,
            )
            new.full_clean()
            new.save()
            goals = _copy_goals(concept, new)
            for old, state in carried_measures(concept, day):
                opening = {
                    "date": day,
                    "status": state.status,
                    "stand": state.stand,
                    "remark": _("Carried over from %(concept)s, measure %(code)s.")
                    % {"concept": concept.title, "code": old.code},
                    "recorded_by": user if getattr(user, "pk", None) else None,
                }
                _carry_measure(old, new, goals, opening)
    except IntegrityError:
        # SQLite serialises writers without the row lock: the one-to-one column refuses
        # the second successor that slipped past the check.
        raise ValidationError(_("This concept already has a successor edition.")) from None
    return new
