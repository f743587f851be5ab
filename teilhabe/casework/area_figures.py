"""Counselling reach per area for the district monitoring (monitoring/registry.py),
counted by casework's own rule so that no other app reads its models.

A person counselled in year J is a client of a case active in J (opened by 31.12.,
not closed before 01.01.), as "Ratsuchende" in annual-report.md; a client with cases
at two services counts once. Persons are records of one organisation: nobody is matched
across organisations. The area is the client's district of residence; clients without
one are counted in no area.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from teilhabe.casework.models import Case, Person


def clients_by_area(year: int) -> Mapping[int, int]:
    """{district id: persons counselled in `year`}."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    active = Case.objects.filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=first), opened_on__lte=last
    )
    rows = (
        Person.objects.filter(district__isnull=False, pk__in=active.values("client_id"))
        .values_list("district_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {district: n for district, n in rows}


def register() -> None:
    from teilhabe.monitoring.registry import (
        AreaCount,
        AreaIndicator,
        register_area_count,
        register_area_indicator,
    )

    register_area_count(AreaCount("beratung", _("Persons counselled in the year"), clients_by_area))
    register_area_indicator(
        AreaIndicator(
            "beratungsreichweite",
            _("Counselling reach per 1,000 residents with migration background"),
            "beratung",
            "mh",
            1000,
        )
    )
