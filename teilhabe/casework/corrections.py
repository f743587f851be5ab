"""Correcting a recorded session or goal: by its author and by the team lead of the case.

A correction changes the record in place; the audit log keeps every earlier version
(django-auditlog writes the old and new value of each changed field), so nothing typed
is lost and the case page shows that the record was corrected. A goal's status is not
corrected here: its history is only ever added to (`services.set_goal_status`).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from teilhabe.casework.access import is_team_lead_of
from teilhabe.casework.models import Goal, GoalStatusChange, Session

SESSION_FIELDS = ("date", "duration_minutes", "form", "topics", "language", "interpreter", "notes")
GOAL_FIELDS = ("area", "text", "review_on")


def goal_author_id(goal: Goal) -> int | None:
    """Who agreed the goal: the recorder of its first status."""
    # by creation, not by the date typed: a backdated status must not make its
    # recorder the goal's author
    first = GoalStatusChange.objects.filter(goal=goal).order_by("pk").first()
    return first.recorded_by_id if first else None


def may_correct(user: Any, case: Any, author_id: int | None) -> bool:
    return (author_id is not None and author_id == user.pk) or is_team_lead_of(user, case)


def _apply(record: Any, fields: tuple[str, ...], values: dict[str, Any]) -> bool:
    changed = False
    for name in fields:
        if name in values and getattr(record, name) != values[name]:
            setattr(record, name, values[name])
            changed = True
    return changed


@transaction.atomic
def correct_session(session: Session, *, user: Any, **values: Any) -> bool:
    """Returns whether anything changed."""
    if session.is_cancelled or not may_correct(user, session.case, session.author_id):
        raise PermissionDenied  # a cancelled session stays as it was cancelled
    if not _apply(session, SESSION_FIELDS, values):
        return False
    session.full_clean()
    session.save()
    return True


@transaction.atomic
def correct_goal(goal: Goal, *, user: Any, **values: Any) -> bool:
    if not may_correct(user, goal.case, goal_author_id(goal)):
        raise PermissionDenied
    if not _apply(goal, GOAL_FIELDS, values):
        return False
    goal.full_clean()
    goal.save()
    return True


def correctable_goal_ids(user: Any, case: Any, lead: bool) -> set[int]:
    """The goals of the case the user may correct (one query for all)."""
    goals = case.goals.values_list("pk", flat=True)
    if lead:
        return set(goals)
    first_recorder: dict[int, int | None] = {}
    changes = GoalStatusChange.objects.filter(goal__case=case).order_by("pk")
    for goal_id, recorder in changes.values_list("goal_id", "recorded_by_id"):
        first_recorder.setdefault(goal_id, recorder)
    return {goal for goal, recorder in first_recorder.items() if recorder == user.pk}
