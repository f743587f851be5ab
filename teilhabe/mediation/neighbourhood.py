"""Write and read paths of outreach and neighbourhood conflicts: the deletion of
conflict entries after their period, and the figures that survive it.

The figures of a year are the live entries plus what deleted ones left in
`ConflictTally` (counted per year, district, kind and preventive). An entry is counted
in the year of its date and in the district's name at deletion time.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F, Sum

from teilhabe.accounts.roles import Role
from teilhabe.mediation.models_neighbourhood import ConflictEntry, ConflictTally, OutreachContact

DEFAULT_MONTHS = 12
NO_DISTRICT = "–"
Key = tuple[str, str, bool]  # district name, kind, preventive


def qm_organisations(user: Any) -> list[int]:
    """Where the user does neighbourhood work: organisations of their counsellor or
    team-lead memberships (the coordinator is a team lead)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = (Role.COUNSELLOR, Role.TEAM_LEAD)
    memberships = user.memberships.filter(role__in=roles)
    return list(memberships.values_list("organisation_id", flat=True))


def cutoff(today: datetime.date, months: int | None = None) -> datetime.date:
    """The first day still kept: entries dated before it are deleted."""
    configured: int = getattr(settings, "MEDIATION_CONFLICT_MONTHS", DEFAULT_MONTHS)
    period = configured if months is None else months
    total = today.year * 12 + today.month - 1 - period
    year, month = divmod(total, 12)
    day = min(today.day, 28)
    return datetime.date(year, month + 1, day)


def _key(entry: ConflictEntry) -> Key:
    district = entry.district.name if entry.district else NO_DISTRICT
    return (district, entry.kind, entry.preventive)


@transaction.atomic
def purge_conflicts(today: datetime.date, months: int | None = None) -> int:
    """Deletes the conflict entries older than the period; their counts go to the
    tallies first. Returns how many were deleted."""
    expired = ConflictEntry.objects.filter(occurred_on__lt=cutoff(today, months))
    counts: Counter[tuple[int, int, Key]] = Counter()
    for entry in expired.select_related("district"):
        counts[(entry.organisation_id, entry.occurred_on.year, _key(entry))] += 1
    for (organisation_id, year, (district, kind, preventive)), count in counts.items():
        tally, _created = ConflictTally.objects.get_or_create(
            organisation_id=organisation_id,
            year=year,
            district_name=district,
            kind=kind,
            preventive=preventive,
        )
        ConflictTally.objects.filter(pk=tally.pk).update(count=F("count") + count)
    deleted, _detail = expired.delete()
    return deleted


def conflict_figures(organisation_ids: list[int], year: int) -> Counter[Key]:
    """Conflicts of `year` per (district, kind, preventive): live entries and tallies."""
    figures: Counter[Key] = Counter()
    live = ConflictEntry.objects.filter(
        organisation_id__in=organisation_ids, occurred_on__year=year
    ).select_related("district")
    for entry in live:
        figures[_key(entry)] += 1
    tallies = ConflictTally.objects.filter(organisation_id__in=organisation_ids, year=year)
    for tally in tallies:
        figures[(tally.district_name, tally.kind, tally.preventive)] += tally.count
    return figures


def outreach_figures(organisation_ids: list[int], year: int) -> list[dict[str, Any]]:
    """Contacts and persons reached per district and topic."""
    rows = (
        OutreachContact.objects.filter(organisation_id__in=organisation_ids, date__year=year)
        .values("district__name", "topic")
        .annotate(contacts=Count("pk"), persons=Sum("persons"))
        .order_by("district__name", "topic")
    )
    return list(rows)
