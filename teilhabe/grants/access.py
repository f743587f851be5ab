"""Who reads a board's decision pack and minutes: the members of THAT board.

Users are not members of a body themselves: a seat (`network.BodyMembership`) belongs
to an actor, and an actor inside Teilhabe stands for an organisation where users hold
roles. So a user reads the papers of a board meeting when they take part in the network
(`network.take_part`) and

- see the whole network (integration coordinator, administrator: the board's
  secretariat), or
- work for the organisation that convenes the board (it keeps the records), or
- work for an organisation whose actor holds a voting seat or a deputy's seat in the
  board on the meeting's day.

A guest seat or a seat in another board reads nothing; an unseen meeting is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from teilhabe.network import access as network
from teilhabe.network.models import Body, BodyMembership, Meeting


def pack_meetings(user: Any) -> QuerySet[Meeting]:
    meetings = network.visible_meetings(user).filter(body__kind=Body.Kind.BOARD)
    if network.sees_whole_network(user):
        return meetings
    organisations = network.network_organisation_ids(user)
    seats = BodyMembership.objects.filter(
        body_id=OuterRef("body_id"),
        actor__organisation_id__in=organisations,
        term_from__lte=OuterRef("held_on"),
    ).filter(
        Q(term_to__isnull=True) | Q(term_to__gte=OuterRef("held_on")),
        Q(voting_right__isnull=False) | Q(deputy_for__isnull=False),
    )
    return meetings.filter(Q(body__owner_id__in=organisations) | Exists(seats))


def may_read_pack(user: Any, meeting: Meeting) -> bool:
    return pack_meetings(user).filter(pk=meeting.pk).exists()
