"""A mediator's assignments in the activities calendar and its iCal feed.

Registered with activities.selectors.register_personal_entries (like appointments).
The feed leaves the application: the title says "Language mediation <language>
(<subject>)", never a name, and the place is the requesting body (an office or a
school) for an appointment in person, else the modality — the request's own place
could be a family's home.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from teilhabe.activities.selectors import Entry
from teilhabe.core.languages import language_name
from teilhabe.mediation import services
from teilhabe.mediation.models import Assignment, Modality, Subject


def to_entry(assignment: Assignment) -> Entry:
    request = assignment.request
    ends = services.ends(request).astimezone(services.starts(request).tzinfo)
    place = (
        request.body.name
        if request.modality == Modality.IN_PERSON
        else str(Modality(request.modality).label)
    )
    title = _("Language mediation %(language)s (%(subject)s)") % {
        "language": language_name(request.language),
        "subject": Subject(request.subject).label,
    }
    return Entry(
        uid=f"sprachmittlung-{assignment.pk}",
        kind="mediation",
        title=title,
        date=request.date,
        end_date=None,
        starts_at=request.starts_at,
        ends_at=ends.time() if ends.date() == request.date else None,
        place=place,
        cancelled=False,
        url=reverse("mediation:my_assignments"),
    )


def assignment_entries(
    user: Any, organisation: Any, start: datetime.date, end: datetime.date
) -> list[Entry]:
    if not getattr(user, "is_authenticated", False):
        return []
    assignments = Assignment.objects.filter(
        mediator__user=user,
        mediator__organisation=organisation,
        cancelled_at=None,
        request__date__gte=start,
        request__date__lte=end,
    ).select_related("request", "request__body")
    return [to_entry(assignment) for assignment in assignments]
