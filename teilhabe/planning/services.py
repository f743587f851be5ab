"""Write paths of the plan pages: concepts, fields of action, goals, measures and their
indicators (kept by the integration coordinator), and progress entries (added by the
coordinator or the measure's lead provider, never changed).

Edits of existing records go through `save_versioned` (core/versioning.py) so that two
people editing one record never overwrite each other silently. Bad input raises
`ValidationError` with a message for the form and stores nothing. Who may call which
function is decided in access.py and checked by the views.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from teilhabe.core.versioning import VersionedModel, save_versioned
from teilhabe.documents import storage
from teilhabe.network.models import Actor
from teilhabe.organisations.models import Area
from teilhabe.planning.models import (
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    Measure,
    ProgressEntry,
)


def _store(instance: VersionedModel, version: int | None) -> None:
    instance.full_clean()
    if instance.pk is None:
        instance.save()
    else:
        assert version is not None, "edits carry the version they were loaded with"
        save_versioned(instance, version)


@transaction.atomic
def save_concept(concept: Concept, version: int | None = None) -> Concept:
    if concept.period_start and concept.period_end and concept.period_end < concept.period_start:
        raise ValidationError(_("The concept's period ends before it starts."))
    _store(concept, version)
    return concept


@transaction.atomic
def save_field(field: FieldOfAction, version: int | None = None) -> FieldOfAction:
    _store(field, version)
    return field


def _check_goal(goal: Goal) -> None:
    if goal.field_id is None and goal.parent_id is None:
        raise ValidationError(_("Choose a field of action or the goal this goal serves."))
    field, parent = goal.field, goal.parent
    if field is not None and field.concept_id != goal.concept_id:
        raise ValidationError(_("The field of action belongs to another concept."))
    if parent is None:
        return
    if parent.concept_id != goal.concept_id:
        raise ValidationError(_("The parent goal belongs to another concept."))
    # Walk up from the new parent: meeting the goal itself would make it its own ancestor.
    parents = dict(Goal.objects.filter(concept=goal.concept_id).values_list("pk", "parent_id"))
    seen: set[int] = set()
    current: int | None = goal.parent_id
    while current is not None and current not in seen:
        if goal.pk is not None and current == goal.pk:
            raise ValidationError(_("A goal cannot serve itself or a goal below it."))
        seen.add(current)
        current = parents.get(current)


@transaction.atomic
def save_goal(goal: Goal, version: int | None = None) -> Goal:
    _check_goal(goal)
    _store(goal, version)
    return goal


@transaction.atomic
def save_measure(
    measure: Measure,
    *,
    goals: Iterable[Goal],
    partners: Iterable[Actor],
    areas: Iterable[Area],
    version: int | None = None,
) -> Measure:
    goals = list(goals)
    if not goals:
        raise ValidationError(_("Choose at least one goal the measure serves."))
    if any(goal.concept_id != measure.concept_id for goal in goals):
        raise ValidationError(_("A goal belongs to another concept."))
    if measure.starts_on and measure.planned_end and measure.planned_end < measure.starts_on:
        raise ValidationError(_("The planned end lies before the start."))
    _store(measure, version)
    measure.goals.set(goals)
    measure.partners.set(partners)
    measure.areas.set(areas)
    return measure


@transaction.atomic
def save_indicator(indicator: Indicator, version: int | None = None) -> Indicator:
    _store(indicator, version)
    return indicator


def _store_attachment(upload: Any) -> storage.StoredFile:
    """The upload checks of the case documents (documents/storage.py): the size while
    writing, the type by the content (PDF, PNG, JPEG; images must open); a refused file
    leaves nothing behind."""
    limit = int(settings.DOCUMENT_MAX_UPLOAD)
    too_large = _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}
    if (getattr(upload, "size", 0) or 0) > limit:
        raise ValidationError(too_large)
    try:
        stored = storage.store(upload.chunks(), limit)
    except storage.TooLarge:
        raise ValidationError(too_large) from None
    content_type = storage.sniff(stored.head)
    intact = content_type == storage.PDF or (
        content_type is not None and storage.image_is_intact(storage.path_of(stored.file_id))
    )
    if not intact:
        storage.remove(stored.file_id)
        raise ValidationError(_("Only PDF files and PNG or JPEG images can be stored."))
    return stored


def add_progress(
    measure: Measure,
    *,
    user: Any,
    date: datetime.date,
    status: str = "",
    stand: int | None = None,
    remark: str = "",
    attachment: Any = None,
) -> ProgressEntry:
    """Adds a dated entry; the plan on every earlier date stays as it was, since entries
    count by date and an entry is never changed afterwards."""
    if not status and stand is None and not remark.strip():
        raise ValidationError(_("Enter a status, a degree of completion or a remark."))
    entry = ProgressEntry(
        measure=measure,
        date=date,
        status=status,
        stand=stand,
        remark=remark.strip(),
        recorded_by=user if getattr(user, "pk", None) else None,
    )
    entry.full_clean()
    stored = _store_attachment(attachment) if attachment else None
    if stored is not None:
        entry.attachment_id, entry.attachment_size = stored.file_id, stored.size
        entry.attachment_type = storage.sniff(stored.head) or ""
        entry.attachment_name = str(getattr(attachment, "name", ""))[:200]
    try:
        with transaction.atomic():
            entry.save()
    except BaseException:
        if stored is not None:
            storage.remove(stored.file_id)  # no row, no file
        raise
    return entry


def remove_attachment_file(entry: ProgressEntry) -> None:
    """After a measure (and with it its entries) is deleted, once the deletion holds."""
    if entry.attachment_id:
        file_id = entry.attachment_id
        transaction.on_commit(lambda: storage.remove(file_id))
