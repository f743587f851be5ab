"""The network part of an organisation's activity report (seed 000, section 2.3), for a
year J and the year before.

Definitions (the organisation takes part through its actor, see models.Actor):

- `gremien`: bodies in which the organisation held a seat (any role, guests included)
  for a term overlapping J;
- `gremien_liste`: those bodies by name, each with its kind (`art`, a code of
  Body.Kind), the organisation's roles in it (`funktionen`, codes of
  BodyMembership.Function) and the number of its meetings in J that the organisation
  attended;
- `sitzungen_teilgenommen`: meetings dated in J, of any body, at which at least one
  seat of the organisation was recorded present (a meeting counts once however many
  of its people came);
- `kooperationsvereinbarungen`: cooperation agreements the organisation is a party to
  that were in force in J for at least a day (from `valid_from`, or from the signature
  when no start is given, until `valid_to` or open-ended);
- `kooperationspartner`: the other parties of those agreements, each once;
- `kooperationsvereinbarungen_neu`: agreements the organisation is a party to that were
  concluded in J: signed in J, or, without a date of signature, valid from a day in J
  (one signed in December for the next year counts as new, though not yet in force);
- `vorjahr`: the same figures for J-1.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.db.models import Q

from teilhabe.network.models import Actor, Agreement, Attendance, Body, BodyMembership
from teilhabe.organisations.models import Organisation


def _year(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _seats(actor: Actor, first: datetime.date, last: datetime.date) -> list[BodyMembership]:
    return list(
        BodyMembership.objects.filter(actor=actor, term_from__lte=last)
        .filter(Q(term_to__isnull=True) | Q(term_to__gte=first))
        .select_related("body")
    )


def _bodies(actor: Actor, first: datetime.date, last: datetime.date) -> dict[str, Any]:
    seats = _seats(actor, first, last)
    attended = (
        Attendance.objects.filter(
            membership__actor=actor,
            status=Attendance.Status.PRESENT,
            meeting__held_on__range=(first, last),
        )
        .values_list("meeting__body_id", "meeting_id")
        .distinct()
    )
    meetings_by_body: dict[int, set[int]] = defaultdict(set)
    for body_id, meeting_id in attended:
        meetings_by_body[body_id].add(meeting_id)
    roles: dict[int, set[str]] = defaultdict(set)
    bodies: dict[int, Body] = {}
    for seat in seats:
        bodies[seat.body_id] = seat.body
        roles[seat.body_id].add(seat.function)
    listing = [
        {
            "gremium": body.name,
            "art": body.kind,
            "funktionen": sorted(roles[pk]),
            "sitzungen_teilgenommen": len(meetings_by_body.get(pk, ())),
        }
        for pk, body in sorted(bodies.items(), key=lambda item: item[1].name)
    ]
    return {
        "gremien": len(bodies),
        "gremien_liste": listing,
        "sitzungen_teilgenommen": sum(len(ids) for ids in meetings_by_body.values()),
    }


def _agreements(actor: Actor, first: datetime.date, last: datetime.date) -> dict[str, Any]:
    every = list(Agreement.objects.filter(parties=actor).prefetch_related("parties"))
    in_force = [agreement for agreement in every if agreement.in_force_between(first, last)]
    partners = {party.pk for agreement in in_force for party in agreement.parties.all()}
    partners.discard(actor.pk)

    def concluded_in_year(agreement: Agreement) -> bool:
        concluded = agreement.signed_on or agreement.valid_from
        return concluded is not None and first <= concluded <= last

    return {
        "kooperationsvereinbarungen": len(in_force),
        "kooperationspartner": len(partners),
        "kooperationsvereinbarungen_neu": sum(1 for a in every if concluded_in_year(a)),
    }


def _figures(actor: Actor | None, year: int) -> dict[str, Any]:
    if actor is None:  # never part of the network: nothing to count
        return {
            "gremien": 0,
            "gremien_liste": [],
            "sitzungen_teilgenommen": 0,
            "kooperationsvereinbarungen": 0,
            "kooperationspartner": 0,
            "kooperationsvereinbarungen_neu": 0,
        }
    first, last = _year(year)
    return {**_bodies(actor, first, last), **_agreements(actor, first, last)}


def network_figures(organisation: Organisation, year: int) -> dict[str, Any]:
    """The network figures of `organisation` for `year`, with `vorjahr` for year - 1."""
    actor = Actor.objects.filter(organisation=organisation).first()
    return {**_figures(actor, year), "jahr": year, "vorjahr": _figures(actor, year - 1)}
