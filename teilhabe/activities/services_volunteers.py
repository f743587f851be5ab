"""Write paths of the volunteer coordination: engagements, hours, anonymisation."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.activities.models import Engagement, HoursEntry, Volunteer
from teilhabe.activities.schedule import month_bounds

MAX_HOURS = {HoursEntry.Period.DAY: Decimal(24), HoursEntry.Period.MONTH: Decimal(744)}


def check_engagement(volunteer: Volunteer, **fields: Any) -> None:
    problems: dict[str, str] = {}
    task_area, group = fields.get("task_area"), fields.get("group")
    if task_area is not None and task_area.organisation_id != volunteer.organisation_id:
        problems["task_area"] = _("This task area belongs to another organisation.")
    if group is not None and group.organisation_id != volunteer.organisation_id:
        problems["group"] = _("This group belongs to another organisation.")
    if fields.get("leads_group") and group is None:
        problems["group"] = _("Choose the group the volunteer leads.")
    starts, ends = fields.get("starts_on"), fields.get("ends_on")
    if starts and ends and ends < starts:
        problems["ends_on"] = _("The end must not be before the start.")
    if problems:
        raise ValidationError(problems)


def add_engagement(volunteer: Volunteer, **fields: Any) -> Engagement:
    check_engagement(volunteer, **fields)
    return Engagement.objects.create(volunteer=volunteer, **fields)


def record_hours(
    engagement: Engagement,
    *,
    period: str,
    date: datetime.date,
    hours: Decimal,
    recorded_by: Any = None,
) -> HoursEntry:
    """Hours on one day, or for a month (stored on its first day). Refuses hours that
    are not positive, more than the period has, or outside the engagement."""
    if period == HoursEntry.Period.MONTH:
        date = date.replace(day=1)
        first, last = month_bounds(date.year, date.month)
    else:
        first = last = date
    if hours <= 0:
        raise ValidationError({"hours": _("Please enter more than zero hours.")})
    maximum = MAX_HOURS[HoursEntry.Period(period)]
    if hours > maximum:
        raise ValidationError(
            {
                "hours": _("At most %(maximum)s hours are possible in this period.")
                % {"maximum": maximum}
            }
        )
    ends = engagement.ends_on or datetime.date.max
    if last < engagement.starts_on or first > ends:
        raise ValidationError(
            {
                "date": _("The date lies outside the engagement (from %(start)s to %(end)s).")
                % {
                    "start": f"{engagement.starts_on:%d.%m.%Y}",
                    "end": f"{engagement.ends_on:%d.%m.%Y}" if engagement.ends_on else "…",
                }
            }
        )
    return HoursEntry.objects.create(
        engagement=engagement, period=period, date=date, hours=hours, recorded_by=recorded_by
    )


@transaction.atomic
def anonymise(volunteer: Volunteer) -> None:
    """After consent is withdrawn or the engagement ended long ago: the person's data
    goes, the engagements and hours stay as anonymous figures for the reports."""
    volunteer.first_name = _("Anonymised")
    volunteer.last_name = f"#{volunteer.pk}"
    volunteer.email = volunteer.phone = volunteer.address = ""
    volunteer.languages = volunteer.consent_note = ""
    volunteer.anonymised_at = timezone.now()
    volunteer.version += 1
    volunteer.save()
    volunteer.agreements.update(document_note="")
    volunteer.engagements.update(note="")
