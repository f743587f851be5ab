from teilhabe.network.models.actors import Actor, ActorKind, Agreement, ContactPerson
from teilhabe.network.models.bodies import (
    AgendaItem,
    Attendance,
    Body,
    BodyMembership,
    Decision,
    Meeting,
)

__all__ = [
    "Actor",
    "ActorKind",
    "AgendaItem",
    "Agreement",
    "Attendance",
    "Body",
    "BodyMembership",
    "ContactPerson",
    "Decision",
    "Meeting",
]
