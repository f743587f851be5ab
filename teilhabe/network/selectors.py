"""Read paths of the network: the actor directory, bodies, meetings, decisions across
meetings, agreements. Which bodies and agreements a user sees is decided in access.py."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from anyascii import anyascii
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from teilhabe.network.access import visible_agreements, visible_bodies, visible_decisions
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Agreement,
    Attendance,
    Body,
    BodyMembership,
    ContactPerson,
    Decision,
    Meeting,
)
from teilhabe.organisations.models import Area


def _plain(text: str) -> str:
    return anyascii(text).casefold()


def matches(query: str, texts: list[str]) -> bool:
    """Every word of the query occurs in one of the texts, regardless of case and
    diacritics ("ozturk" finds "Öztürk"). The database's own LIKE cannot do this on
    SQLite, which folds ASCII letters only; directories are small enough to scan."""
    plain = [_plain(text) for text in texts]
    return all(any(_plain(word) in text for text in plain) for word in query.split())


def _area_and_ancestors(area: Area) -> list[int]:
    ids: list[int] = []
    current: Area | None = area
    while current is not None:
        ids.append(current.pk)
        current = current.parent
    return ids


def actor_directory(
    query: str = "", kind: ActorKind | None = None, district: Area | None = None
) -> QuerySet[Actor]:
    """Active actors by name, contact person or note; of a kind; serving a district.

    An actor that serves the whole city (or a larger area the district lies in) serves
    the district too: the job centre is a partner in every district.
    """
    actors = Actor.objects.filter(is_active=True)
    if query.strip():
        texts: dict[int, list[str]] = defaultdict(list)
        for pk, name, notes in actors.values_list("pk", "name", "notes"):
            texts[pk] += [name, notes]
        contacts = ContactPerson.objects.filter(actor__in=actors)
        for actor_id, name, function in contacts.values_list("actor_id", "name", "function"):
            texts[actor_id] += [name, function]
        actors = actors.filter(pk__in=[pk for pk, text in texts.items() if matches(query, text)])
    if kind is not None:
        actors = actors.filter(kind=kind)
    if district is not None:
        actors = actors.filter(districts__in=_area_and_ancestors(district))
    return (
        Actor.objects.filter(pk__in=actors.values("pk"))
        .select_related("kind", "organisation")
        .prefetch_related("districts")
        .annotate(contact_count=Count("contacts", distinct=True))
        .order_by("name")
    )


def districts_for_filter() -> QuerySet[Area]:
    """The city and its districts, as the directory filter offers them."""
    return Area.objects.filter(level__lte=1).order_by("level", "name")


def actor_page(actor: Actor, user: Any) -> dict[str, Any]:
    """The actor with its contacts, the bodies the user sees it in and its agreements."""
    seats = (
        BodyMembership.objects.filter(actor=actor, body__in=visible_bodies(user))
        .select_related("body")
        .order_by("body__name", "-term_from")
    )
    agreements = visible_agreements(user).filter(parties=actor).prefetch_related("parties")
    return {
        "actor": actor,
        "contacts": actor.contacts.all(),
        "districts": actor.districts.order_by("level", "name"),
        "seats": seats,
        "agreements": agreements.order_by("-signed_on", "subject"),
    }


def body_list(user: Any, kind: str = "", query: str = "") -> QuerySet[Body]:
    bodies = visible_bodies(user).select_related("owner")
    if kind:
        bodies = bodies.filter(kind=kind)
    if query.strip():
        found = [
            pk
            for pk, name, purpose in bodies.values_list("pk", "name", "purpose")
            if matches(query, [name, purpose])
        ]
        bodies = bodies.filter(pk__in=found)
    today = timezone.localdate()
    current = Q(memberships__term_from__lte=today) & (
        Q(memberships__term_to__isnull=True) | Q(memberships__term_to__gte=today)
    )
    return bodies.annotate(
        member_count=Count("memberships", filter=current, distinct=True),
        meeting_count=Count("meetings", distinct=True),
    ).order_by("-is_active", "name")


def body_page(body: Body, today: datetime.date) -> dict[str, Any]:
    memberships = sorted(body.memberships.select_related("actor"), key=lambda m: m.sort_key)
    # Explicitly ordered: Django leaves Meta.ordering out of aggregating queries.
    meetings = body.meetings.order_by("-held_on", "-starts_at").annotate(
        # distinct: the two joins multiply each other's rows.
        present=Count(
            "attendances",
            filter=Q(attendances__status=Attendance.Status.PRESENT),
            distinct=True,
        ),
        open_decisions=Count(
            "decisions",
            filter=Q(decisions__status__in=(Decision.Status.OPEN, Decision.Status.IN_PROGRESS)),
            distinct=True,
        ),
    )
    return {
        "body": body,
        "current_members": [m for m in memberships if m.serves_on(today)],
        "former_members": [m for m in memberships if m.term_to and m.term_to < today],
        "future_members": [m for m in memberships if m.term_from > today],
        "meetings": meetings,
        "districts": body.districts.order_by("level", "name"),
    }


def meeting_page(meeting: Meeting) -> dict[str, Any]:
    attendances = {
        attendance.membership_id: attendance
        for attendance in meeting.attendances.select_related("membership__actor")
    }
    members = sorted(
        (
            m
            for m in meeting.body.memberships.select_related("actor")
            if m.serves_on(meeting.held_on)
        ),
        key=lambda m: m.sort_key,
    )
    rows = [{"member": m, "attendance": attendances.get(m.pk)} for m in members]
    counts = {status: 0 for status in Attendance.Status.values}
    for attendance in attendances.values():
        counts[attendance.status] += 1
    return {
        "meeting": meeting,
        "agenda": meeting.agenda_items.all(),
        "attendance_rows": rows,
        "attendance_counts": counts,
        "decisions": meeting.decisions.select_related("responsible_actor", "agenda_item"),
    }


PENDING = (Decision.Status.OPEN, Decision.Status.IN_PROGRESS)


def decision_list(
    user: Any,
    *,
    status: str = "pending",
    body: Body | None = None,
    overdue_on: datetime.date | None = None,
) -> QuerySet[Decision]:
    """Decisions across meetings of the bodies the user sees; by default the pending
    ones (open or in progress), the earliest due first, undated last."""
    decisions = visible_decisions(user).select_related(
        "meeting__body", "responsible_actor", "agenda_item"
    )
    if status == "pending":
        decisions = decisions.filter(status__in=PENDING)
    elif status:
        decisions = decisions.filter(status=status)
    if body is not None:
        decisions = decisions.filter(meeting__body=body)
    if overdue_on is not None:
        decisions = decisions.filter(status__in=PENDING, due_on__lt=overdue_on)
    return decisions.order_by(F("due_on").asc(nulls_last=True), "meeting__held_on", "pk")


def agreement_list(
    user: Any, *, query: str = "", in_force_on: datetime.date | None = None
) -> QuerySet[Agreement]:
    agreements = visible_agreements(user).prefetch_related(
        Prefetch("parties", queryset=Actor.objects.order_by("name"))
    )
    if query.strip():
        texts: dict[int, list[str]] = defaultdict(list)
        for pk, subject in agreements.values_list("pk", "subject"):
            texts[pk].append(subject)
        parties = Agreement.parties.through.objects.filter(agreement__in=agreements)
        for agreement_id, name in parties.values_list("agreement_id", "actor__name"):
            texts[agreement_id].append(name)
        agreements = agreements.filter(pk__in=[pk for pk, t in texts.items() if matches(query, t)])
    if in_force_on is not None:
        started = Q(valid_from__lte=in_force_on) | Q(
            valid_from__isnull=True, signed_on__lte=in_force_on
        )
        agreements = agreements.filter(started).exclude(valid_to__lt=in_force_on)
    return agreements.order_by("subject")


def upcoming_meetings(user: Any, today: datetime.date, limit: int = 3) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(body__in=visible_bodies(user), held_on__gte=today)
        .select_related("body")
        .order_by("held_on", "starts_at")[:limit]
    )
