"""The network of the demo city: actors with contact persons, the Runder Tisch
Integration, the Steuerungsgruppe, the Integrationsrat and the AG Sprache with members,
meetings, attendance, minutes and decisions, and cooperation agreements.

The data lives in data/netzwerk.json with dates relative to the current year, so that
the demo always shows this year's work and that of the two years before; it goes
through the network's services like anything a user enters.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from django.utils import timezone

from teilhabe.network import services
from teilhabe.network.catalogue import install_actor_kinds
from teilhabe.network.models import (
    Actor,
    ActorKind,
    Agreement,
    Attendance,
    Body,
    BodyMembership,
    ContactPerson,
    Decision,
)
from teilhabe.organisations.models import Area, Organisation

DATA = Path(__file__).resolve().parent / "data" / "netzwerk.json"
RELATIVE_DATE = re.compile(r"^J(?P<offset>[+-]\d+)?:(?P<month>\d\d)-(?P<day>\d\d)$")
FROM_TODAY = re.compile(r"^T(?P<days>[+-]\d+)$")


def day_of(text: str, today: datetime.date) -> datetime.date:
    """'J-1:03-12' is 12 March of last year, 'T+21' three weeks from today."""
    if match := FROM_TODAY.match(text):
        return today + datetime.timedelta(days=int(match["days"]))
    match = RELATIVE_DATE.match(text)
    if not match:
        raise ValueError(f"not a demo date: {text!r}")
    year = today.year + int(match["offset"] or 0)
    return datetime.date(year, int(match["month"]), int(match["day"]))


def load_network(today: datetime.date | None = None) -> None:
    today = today or timezone.localdate()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    install_actor_kinds()
    actors = {spec["key"]: _actor(spec) for spec in data["actors"]}
    for spec in data["bodies"]:
        _body(spec, actors, today)
    for spec in data["agreements"]:
        agreement = Agreement(
            subject=spec["subject"],
            signed_on=day_of(spec["signed"], today) if spec.get("signed") else None,
            valid_from=day_of(spec["from"], today) if spec.get("from") else None,
            valid_to=day_of(spec["to"], today) if spec.get("to") else None,
            document_note=spec.get("document", ""),
            notes=spec.get("notes", ""),
        )
        agreement.full_clean()
        agreement.save()
        agreement.parties.set([actors[key] for key in spec["parties"]])


def _actor(spec: dict[str, Any]) -> Actor:
    if spec.get("organisation"):
        actor = services.actor_for_organisation(Organisation.objects.get(slug=spec["organisation"]))
        actor.kind = ActorKind.objects.get(code=spec["kind"])
    else:
        actor = Actor(name=spec["name"], kind=ActorKind.objects.get(code=spec["kind"]))
    for field in ("address", "phone", "email", "website", "notes"):
        if spec.get(field):
            setattr(actor, field, spec[field])
    actor.full_clean()
    actor.save()
    actor.districts.set(Area.objects.filter(code__in=spec.get("districts", [])))
    for contact in spec.get("contacts", []):
        ContactPerson.objects.create(actor=actor, **contact)
    return actor


def _body(spec: dict[str, Any], actors: dict[str, Actor], today: datetime.date) -> Body:
    body = Body(
        name=spec["name"],
        kind=spec["kind"],
        owner=Organisation.objects.get(slug=spec["owner"]),
        purpose=spec.get("purpose", ""),
        rhythm=spec.get("rhythm", ""),
    )
    services.save_body(body, districts=Area.objects.filter(code__in=spec.get("districts", [])))
    members = {}
    for member in spec["members"]:
        membership = BodyMembership(
            body=body,
            actor=actors[member["actor"]] if member.get("actor") else None,
            person_name=member.get("person", ""),
            function=member["function"],
            term_from=day_of(member["from"], today),
            term_to=day_of(member["to"], today) if member.get("to") else None,
        )
        members[member["key"]] = services.save_membership(membership)
    for meeting_spec in spec["meetings"]:
        _meeting(body, meeting_spec, members, actors, today)
    return body


def _meeting(
    body: Body,
    spec: dict[str, Any],
    members: dict[str, BodyMembership],
    actors: dict[str, Actor],
    today: datetime.date,
) -> None:
    held_on = day_of(spec["on"], today)
    if spec.get("past_only") and held_on > today:
        return  # a meeting of this year that has not come yet: the next one is planned
    meeting = services.create_meeting(
        body,
        agenda=spec.get("agenda", []),
        held_on=held_on,
        starts_at=datetime.time.fromisoformat(spec["at"]) if spec.get("at") else None,
        place=spec.get("place", ""),
    )
    if held_on > today:
        return  # planned: nobody has attended, nothing is minuted yet
    meeting.minutes = spec.get("minutes", "")
    meeting.save()
    not_present = {members[key].pk: status for key, status in spec.get("not_present", {}).items()}
    for membership in services.members_on(body, held_on):
        status = not_present.get(membership.pk, Attendance.Status.PRESENT)
        Attendance.objects.create(meeting=meeting, membership=membership, status=status)
    items = {item.position: item for item in meeting.agenda_items.all()}
    for decision in spec.get("decisions", []):
        status_on = day_of(decision["status_on"], today)
        status = decision["status"]
        if status_on > today:  # the demo never shows a change that has not happened
            status, status_on = Decision.Status.OPEN, held_on
        recorded = services.record_decision(
            meeting,
            user=None,
            text=decision["text"],
            agenda_item=items.get(decision.get("item", 0)),
            responsible_actor=actors[decision["actor"]] if decision.get("actor") else None,
            responsible_person=decision.get("person", ""),
            due_on=day_of(decision["due"], today) if decision.get("due") else None,
        )
        if status != recorded.status:
            recorded.status, recorded.status_on = status, status_on
            recorded.save()
