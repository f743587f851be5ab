"""Records of the appointments app for the role matrix (accounts/tests/test_role_matrix.py)."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.appointments import services


def appointments_world(case: Any, counsellor: Any) -> dict[str, Any]:
    appointment = services.book(
        case,
        author=counsellor,
        counsellor=counsellor,
        date=case.opened_on + datetime.timedelta(days=7),
        starts_at=datetime.time(9, 0),
        ends_at=datetime.time(10, 0),
        modality="vor_ort",
    )
    reminder = services.add_reminder(
        case, author=counsellor, due_on=case.opened_on, text="Bescheid prüfen"
    )
    return {"<appointment>": appointment.pk, "<reminder>": reminder.pk}
