"""Families in family education programmes per area, for the district monitoring's
"What happens there" (monitoring/registry.py; monitoring imports no programme model).

A family takes part in year J when an enrolment of its household overlaps J (started by
31.12., not ended before 01.01.); a family in two programmes counts once. Its area is
the district of residence of the enrolment's contact person; families without one are
counted in no area.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.programmes.models import Enrolment


def families_by_area(year: int) -> Mapping[int, int]:
    """{district id: families in a programme in `year`}."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    rows = (
        Enrolment.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first),
            start_date__lte=last,
            contact_person__district__isnull=False,
        )
        .values_list("contact_person__district_id")
        .annotate(n=Count("household_id", distinct=True))
        .order_by()
    )
    return {district: n for district, n in rows}


def register() -> None:
    from teilhabe.monitoring.registry import AreaCount, register_area_count

    register_area_count(
        AreaCount(
            "programm_familien",
            _("Families in family education programmes in the year"),
            families_by_area,
            section="programme",
            order=20,
        )
    )
