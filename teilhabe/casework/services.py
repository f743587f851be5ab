"""Write paths of casework: clients, cases, sessions, goals."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from teilhabe.casework.models import Case, Goal, GoalStatusChange, Person, Session
from teilhabe.casework.models.codes import GoalStatus


@transaction.atomic
def open_case(
    *,
    client: Person,
    service_id: int,
    kind: str,
    opened_on: datetime.date,
    access_route: str,
    responsible: Any,
) -> Case:
    case = Case(
        organisation_id=client.organisation_id,
        client=client,
        service_id=service_id,
        kind=kind,
        opened_on=opened_on,
        access_route=access_route,
        responsible=responsible,
    )
    case.full_clean(exclude=["external_id"])
    case.save()
    return case


@transaction.atomic
def create_client(
    *, organisation_id: int, data: dict[str, Any], first_case: dict[str, Any], user: Any
) -> Case:
    person = Person(organisation_id=organisation_id, **data)
    person.full_clean(exclude=["external_id"])
    person.save()
    return open_case(client=person, responsible=user, **first_case)


@transaction.atomic
def record_session(case: Case, *, author: Any, present: list[Person], **fields: Any) -> Session:
    session = Session(case=case, author=author, **fields)
    session.full_clean()
    session.save()
    session.present.set(present)
    return session


@transaction.atomic
def add_goal(
    case: Case,
    *,
    user: Any,
    area: str,
    text: str,
    agreed_on: datetime.date,
    review_on: datetime.date | None = None,
) -> Goal:
    goal = Goal.objects.create(
        case=case,
        area=area,
        text=text,
        agreed_on=agreed_on,
        review_on=review_on,
        status=GoalStatus.IN_PROGRESS,
        status_on=agreed_on,
    )
    GoalStatusChange.objects.create(
        goal=goal, status=GoalStatus.IN_PROGRESS, set_on=agreed_on, recorded_by=user
    )
    return goal


@transaction.atomic
def change_goal_status(
    goal: Goal, *, status: str, set_on: datetime.date, user: Any, note: str = ""
) -> GoalStatusChange:
    """Adds an entry to the history; earlier entries are never changed."""
    change = GoalStatusChange.objects.create(
        goal=goal, status=status, set_on=set_on, recorded_by=user, note=note
    )
    latest = goal.history.order_by("-set_on", "-pk").first()
    assert latest is not None
    goal.status, goal.status_on = latest.status, latest.set_on
    goal.save(update_fields=["status", "status_on"])
    return change


@transaction.atomic
def close_case(case: Case, *, closed_on: datetime.date, reason: str) -> None:
    case.closed_on, case.closing_reason = closed_on, reason
    case.full_clean(exclude=["external_id"])
    case.save(update_fields=["closed_on", "closing_reason"])


@transaction.atomic
def set_case_team(
    case: Case, *, responsible: Any, shared_with: list[Any], co_counselled: list[Person]
) -> None:
    case.responsible = responsible
    case.save(update_fields=["responsible"])
    case.shared_with.set(shared_with)
    case.co_counselled.set([person for person in co_counselled if person.pk != case.client_id])
