"""The user's appointments in the activities calendar and its iCal feed.

Registered with activities.selectors.register_personal_entries, so activities knows
nothing of casework. The feed leaves the application (a phone, a shared calendar): an
entry carries the title "Counselling appointment <service>", never the client's name,
and as place only the room of an appointment in person (a home visit would give the
client's address; phone and video say only that)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.activities.selectors import Entry
from teilhabe.appointments import selectors
from teilhabe.appointments.models import Appointment, Modality


def _place(appointment: Appointment) -> str:
    if appointment.modality == Modality.IN_PERSON:
        return appointment.place
    return str(Modality(appointment.modality).label)


def to_entry(appointment: Appointment) -> Entry:
    return Entry(
        uid=f"termin-{appointment.pk}",
        kind="appointment",
        title=_("Counselling appointment %(service)s") % {"service": appointment.case.service.code},
        date=appointment.date,
        end_date=None,
        starts_at=appointment.starts_at,
        ends_at=appointment.ends_at,
        place=_place(appointment),
        cancelled=appointment.cancelled,
        url=selectors.case_tab_url(appointment.case_id),
    )


def appointment_entries(
    user: Any, organisation: Any, start: datetime.date, end: datetime.date
) -> list[Entry]:
    appointments = selectors.my_appointments(user, start, end, organisation.pk)
    return [to_entry(appointment) for appointment in appointments]
