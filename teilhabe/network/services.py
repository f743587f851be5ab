"""Write paths of the network: actors and contact persons, bodies and their members,
meetings with agenda, attendance, minutes and decisions, cooperation agreements.

Every edit of an existing record goes through `save_versioned`, so that two people
editing the same record never overwrite each other silently (core/versioning.py).
Bad input raises `ValidationError` with a message for the form and stores nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from teilhabe.core.versioning import VersionedModel, save_versioned
from teilhabe.network.access import network_organisation_ids, sees_whole_network
from teilhabe.network.catalogue import KIND_OF_ORGANISATION
from teilhabe.network.models import (
    Actor,
    ActorKind,
    AgendaItem,
    Agreement,
    Attendance,
    Body,
    BodyMembership,
    Decision,
    Meeting,
)
from teilhabe.organisations.models import Area, Organisation


def _store(instance: VersionedModel, version: int | None) -> None:
    """Checks the instance and saves it: new records plainly, edits against `version`."""
    instance.full_clean()
    if instance.pk is None:
        instance.save()
    else:
        assert version is not None, "edits carry the version they were loaded with"
        save_versioned(instance, version)


# --- actors -----------------------------------------------------------------------------


@transaction.atomic
def actor_for_organisation(organisation: Organisation) -> Actor:
    """The organisation's actor in the network, created from the organisation if needed."""
    existing = Actor.objects.filter(organisation=organisation).first()
    if existing:
        return existing
    kind = ActorKind.objects.get(code=KIND_OF_ORGANISATION.get(organisation.kind, "sonstige"))
    actor = Actor(
        name=organisation.name,
        kind=kind,
        organisation=organisation,
        address=organisation.address,
        email=organisation.email,
        phone=organisation.phone,
    )
    _store(actor, None)
    return actor


def own_actors(user: Any) -> list[Actor]:
    """The actors of the organisations the user takes part in the network for; created
    on first use, so that a provider can name itself as a party or member."""
    organisations = Organisation.objects.filter(pk__in=network_organisation_ids(user))
    return [actor_for_organisation(organisation) for organisation in organisations]


@transaction.atomic
def save_actor(actor: Actor, *, districts: Iterable[Area], version: int | None = None) -> Actor:
    _store(actor, version)
    actor.districts.set(districts)
    return actor


@transaction.atomic
def save_contact(contact: Any, version: int | None = None) -> Any:
    _store(contact, version)
    return contact


@transaction.atomic
def remove_contact(contact: Any) -> None:
    # Contact data of someone who left the partner is deleted, not kept "just in case".
    contact.delete()


# --- bodies and members -----------------------------------------------------------------


@transaction.atomic
def save_body(body: Body, *, districts: Iterable[Area], version: int | None = None) -> Body:
    _store(body, version)
    body.districts.set(districts)
    return body


@transaction.atomic
def save_membership(membership: BodyMembership, version: int | None = None) -> BodyMembership:
    if not membership.actor_id and not membership.person_name.strip():
        raise ValidationError(_("Name an actor, a person or both."))
    if membership.term_to and membership.term_to < membership.term_from:
        raise ValidationError(_("The term cannot end before it begins."))
    same_actor = (
        Q(actor__isnull=True) if membership.actor_id is None else Q(actor=membership.actor_id)
    )
    overlapping = BodyMembership.objects.filter(
        same_actor,
        body_id=membership.body_id,
        person_name__iexact=membership.person_name.strip(),
        term_from__lte=membership.term_to or datetime.date.max,
    ).exclude(term_to__lt=membership.term_from)
    if overlapping.exclude(pk=membership.pk).exists():
        raise ValidationError(_("This member already holds a seat in the body for that time."))
    membership.person_name = membership.person_name.strip()
    _store(membership, version)
    return membership


# --- meetings ---------------------------------------------------------------------------


@transaction.atomic
def create_meeting(body: Body, *, agenda: Iterable[str] = (), **fields: Any) -> Meeting:
    meeting = Meeting(body=body, **fields)
    _store(meeting, None)
    for title in agenda:
        add_agenda_item(meeting, title)
    return meeting


@transaction.atomic
def save_meeting(meeting: Meeting, version: int) -> Meeting:
    _store(meeting, version)
    return meeting


@transaction.atomic
def add_agenda_item(meeting: Meeting, title: str) -> AgendaItem:
    title = title.strip()
    if not title:
        raise ValidationError(_("Enter the agenda item."))
    # The meeting's row lock serialises the numbering of two items added at once.
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(meeting=meeting, position=last + 1, title=title)
    item.full_clean()
    item.save()
    return item


def members_on(body: Body, day: datetime.date) -> list[BodyMembership]:
    """The seats whose term covers `day`: who can attend a meeting on that day."""
    seats = [m for m in body.memberships.select_related("actor") if m.serves_on(day)]
    return sorted(seats, key=lambda membership: membership.sort_key)


@transaction.atomic
def record_attendance(meeting: Meeting, statuses: Mapping[int, str], version: int) -> Meeting:
    """Sets each member's attendance ("" clears it). Only members whose term covers the
    meeting's date can attend; the meeting's version guards against a parallel edit."""
    allowed = {membership.pk for membership in members_on(meeting.body, meeting.held_on)}
    unknown = set(statuses) - allowed
    if unknown:
        raise ValidationError(_("Only members whose term covers the meeting date can attend."))
    valid = set(Attendance.Status.values)
    if any(status and status not in valid for status in statuses.values()):
        raise ValidationError(_("Unknown attendance status."))
    # The version check first: a stale form changes nothing.
    save_meeting(Meeting.objects.get(pk=meeting.pk), version)
    for membership_id, status in statuses.items():
        if status:
            Attendance.objects.update_or_create(
                meeting=meeting, membership_id=membership_id, defaults={"status": status}
            )
        else:
            Attendance.objects.filter(meeting=meeting, membership_id=membership_id).delete()
    meeting.refresh_from_db()
    return meeting


# --- decisions --------------------------------------------------------------------------


@transaction.atomic
def record_decision(meeting: Meeting, *, user: Any, **fields: Any) -> Decision:
    item = fields.get("agenda_item")
    if item is not None and item.meeting_id != meeting.pk:
        raise ValidationError(_("The agenda item belongs to another meeting."))
    decision = Decision(
        meeting=meeting,
        status=Decision.Status.OPEN,
        status_on=meeting.held_on,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
        **fields,
    )
    _check_decision(decision)
    _store(decision, None)
    return decision


@transaction.atomic
def save_decision(decision: Decision, version: int) -> Decision:
    _check_decision(decision)
    _store(decision, version)
    return decision


def _check_decision(decision: Decision) -> None:
    held_on = decision.meeting.held_on
    if decision.status_on < held_on:
        raise ValidationError(_("The status cannot change before the meeting took the decision."))
    if decision.due_on and decision.due_on < held_on:
        raise ValidationError(_("The due date cannot lie before the meeting."))


# --- agreements -------------------------------------------------------------------------


@transaction.atomic
def save_agreement(
    agreement: Agreement, *, parties: Iterable[Actor], user: Any, version: int | None = None
) -> Agreement:
    parties = list(parties)
    if len({party.pk for party in parties}) < 2:
        raise ValidationError(_("An agreement has at least two parties."))
    if not sees_whole_network(user):
        own = set(network_organisation_ids(user))
        if not any(party.organisation_id in own for party in parties):
            raise ValidationError(_("Your organisation must be one of the parties."))
    if agreement.signed_on is None and agreement.valid_from is None:
        raise ValidationError(_("Enter the date of signature or the start of validity."))
    if agreement.valid_from and agreement.valid_to and agreement.valid_to < agreement.valid_from:
        raise ValidationError(_("The agreement cannot end before it begins."))
    _store(agreement, version)
    agreement.parties.set(parties)
    return agreement
