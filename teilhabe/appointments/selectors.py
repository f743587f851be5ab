"""Reads of appointments and reminders. Every read goes through casework.access: an
appointment or reminder is seen only with its case."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from teilhabe.appointments.models import Appointment, Reminder
from teilhabe.casework.access import visible_cases
from teilhabe.casework.models import Case, Goal, GoalStatusChange
from teilhabe.casework.models.codes import GoalStatus

TAB = "termine"  # the case page's ?teil= of this app
PLAN_TAB = "plan"  # casework's tab with the goals


def case_tab_url(case_id: int, tab: str = TAB) -> str:
    return reverse("casework:case_detail", kwargs={"pk": case_id}) + f"?teil={tab}"


def counsellors_for(case: Case, user: Any, holder_id: int | None = None) -> QuerySet[Any]:
    """Who can hold an appointment of the case: the responsible counsellor, the
    colleagues the case is shared with, the user booking it, and whoever holds it
    already (`holder_id`: the case may have changed hands since it was booked)."""
    ids = {user.pk, *case.shared_with.values_list("pk", flat=True)}
    ids |= {pk for pk in (case.responsible_id, holder_id) if pk}
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("last_name")


def case_appointments(case: Case) -> QuerySet[Appointment]:
    return Appointment.objects.filter(case=case).select_related("counsellor")


def case_reminders(case: Case) -> QuerySet[Reminder]:
    return Reminder.objects.filter(case=case).select_related("goal", "author")


def my_appointments(
    user: Any, start: datetime.date, end: datetime.date, organisation_id: int | None = None
) -> QuerySet[Appointment]:
    """The user's appointments between `start` and `end` (both included), on cases the
    user may still open (a withdrawn consent or a hand-over takes them away)."""
    appointments = Appointment.objects.filter(
        counsellor=user, date__gte=start, date__lte=end, case__in=visible_cases(user)
    )
    if organisation_id is not None:
        appointments = appointments.filter(case__organisation_id=organisation_id)
    return appointments.select_related("case__service").order_by("date", "starts_at", "pk")


def my_cases(user: Any) -> QuerySet[Case]:
    """Open cases the user is responsible for or that are shared with them by name."""
    shared = Case.shared_with.through.objects.filter(user=user).values("case_id")
    return visible_cases(user).filter(
        Q(responsible=user) | Q(pk__in=shared), closed_on__isnull=True
    )


@dataclass(frozen=True)
class DueItem:
    due_on: datetime.date
    text: str
    case: Case
    url: str
    is_goal_review: bool
    overdue: bool


def reviews_due(user: Any, today: datetime.date) -> list[DueItem]:
    """Reminders not done whose day has come, and goal reviews due, of the user's cases.

    A goal's review (`review_on`) is due from that day while the goal is in progress;
    it counts as done once a status is recorded on or after the review date (confirming
    "in progress" is a review too) or the review date is moved."""
    cases = my_cases(user)
    reminders = Reminder.objects.filter(
        case__in=cases, done_at__isnull=True, due_on__lte=today
    ).select_related("case__service", "goal")
    reviewed = GoalStatusChange.objects.filter(
        goal=OuterRef("pk"), set_on__gte=OuterRef("review_on")
    )
    goals = (
        Goal.objects.filter(case__in=cases, status=GoalStatus.IN_PROGRESS, review_on__lte=today)
        .exclude(Exists(reviewed))
        .select_related("case__service")
    )
    items = [
        DueItem(
            item.due_on,
            item.text,
            item.case,
            case_tab_url(item.case_id),
            False,
            item.due_on < today,
        )
        for item in reminders
    ]
    items += [
        DueItem(
            goal.review_on,
            goal.text,
            goal.case,
            case_tab_url(goal.case_id, PLAN_TAB),
            True,
            goal.review_on < today,
        )
        for goal in goals
        if goal.review_on is not None
    ]
    return sorted(items, key=lambda item: (item.due_on, item.case.pk))
