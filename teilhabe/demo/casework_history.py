"""What the casework import format cannot say, added to the imported demo casework:
who a household member is to the client, a few sessions cancelled with a reason, and
goals that went through an intermediate status before their last one.

Chosen with a seeded random generator from records ordered by their number, so the
same import gives the same demo.
"""

from __future__ import annotations

import datetime
import json
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.casework import services
from teilhabe.casework.cancellation import cancel_session
from teilhabe.casework.models import Goal, HouseholdRelation, Person, Session
from teilhabe.casework.models.codes import GoalStatus
from teilhabe.demo.casework_data import DATA
from teilhabe.organisations.models import Organisation

CANCELLED_PER_ORGANISATION = 6
# A relative born this many years before or after the client is a parent or a child.
GENERATION_YEARS = 15


def _texts() -> dict[str, list[str]]:
    data: dict[str, list[str]] = json.loads((DATA / "fallarbeit.json").read_text("utf-8"))
    return data


def set_household_relations(organisation: Organisation) -> None:
    """The client who opened the household's first case is its reference person; a
    relative is a parent, child or partner by the difference of the years of birth."""
    persons = Person.objects.filter(organisation=organisation, household__isnull=False)
    reference: dict[int, tuple[int, int | None]] = {}
    clients = persons.filter(cases__isnull=False).order_by("household_id", "pk").distinct()
    for pk, household, born in clients.values_list("pk", "household_id", "birth_year"):
        reference.setdefault(household, (pk, born))
    by_relation: dict[str, list[int]] = {}
    members = persons.filter(household_relation="").order_by("pk")
    for pk, household, born in members.values_list("pk", "household_id", "birth_year"):
        if household in reference:
            relation = _relation(pk, born, *reference[household])
            by_relation.setdefault(relation, []).append(pk)
    # One UPDATE per relation: a bulk_update of every member is a CASE over all of them.
    for relation, pks in by_relation.items():
        Person.objects.filter(pk__in=pks).update(household_relation=relation)


def _relation(pk: int, born: int | None, head: int, head_born: int | None) -> str:
    if pk == head:
        return HouseholdRelation.REFERENCE
    if born is None or head_born is None:
        return HouseholdRelation.OTHER
    if born - head_born >= GENERATION_YEARS:
        return HouseholdRelation.CHILD
    if born - head_born <= -GENERATION_YEARS:
        return HouseholdRelation.PARENT
    return HouseholdRelation.PARTNER


def cancel_some_sessions(organisation: Organisation, rng: random.Random) -> None:
    """A handful of sessions cancelled (storniert) with a reason, as one entered twice or
    in the wrong case is. Through the service, by the team lead: imported sessions have
    no author, so only a team lead may cancel them (an organisation without one keeps
    its sessions). Dated the day after the session, as if done then."""
    lead = User.objects.filter(
        memberships__organisation=organisation, memberships__role=Role.TEAM_LEAD
    ).first()
    if lead is None:
        return
    reasons = _texts()["stornogruende"]
    before_yesterday = timezone.localdate() - datetime.timedelta(days=1)
    candidates = list(
        Session.objects.filter(
            case__organisation=organisation,
            date__lt=before_yesterday,  # so that the cancellation the day after is past
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    picked = rng.sample(candidates, min(CANCELLED_PER_ORGANISATION, len(candidates)))
    zone = ZoneInfo(settings.TIME_ZONE)
    for number, session in enumerate(Session.objects.filter(pk__in=picked).order_by("pk")):
        cancel_session(session, lead, reasons[number % len(reasons)])
        day = session.date + datetime.timedelta(days=1)
        at = datetime.datetime.combine(day, datetime.time(9, 15 + number), tzinfo=zone)
        Session.objects.filter(pk=session.pk).update(cancelled_at=at)


def add_intermediate_statuses(organisation: Organisation, rng: random.Random) -> None:
    """Every third goal reached after more than two months was partly reached on the way,
    recorded by the counsellor of its case. Both in one year: the annual report counts a
    goal until the year of its first final status, and "partly reached" is one."""
    notes = _texts()["zwischenstand"]
    goals = (
        Goal.objects.filter(case__organisation=organisation, status=GoalStatus.REACHED)
        .filter(status_on__gt=F("agreed_on") + datetime.timedelta(days=60))
        .select_related("case")
        .order_by("pk")
    )
    for goal in list(goals)[::3]:
        first = max(
            goal.agreed_on + datetime.timedelta(days=30), datetime.date(goal.status_on.year, 1, 1)
        )
        last = goal.status_on - datetime.timedelta(days=14)
        if first > last:
            continue
        services.change_goal_status(
            goal,
            status=GoalStatus.PARTLY_REACHED,
            set_on=first + datetime.timedelta(days=rng.randint(0, (last - first).days)),
            user=goal.case.responsible,
            note=rng.choice(notes),
        )
