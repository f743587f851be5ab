"""Hours and expense allowances per month and mediator, by funding programme.

Rates are settings of the installation (`MEDIATION_RATES`), per employment kind, with
an entry per organisation (by its slug) where a provider pays differently:

    MEDIATION_RATES = {
        "*": {"honorar": {"hour": "30.00", "km": "0.30"}, ...},
        "stadt": {"ehrenamt": {"hour": "15.00", "km": "0.30"}},
    }

Paid time is time spent plus travel time; employed mediators are paid their salary
and receive the mileage only (hour rate 0). The amount of a row is computed once from
the row's summed minutes and kilometres and rounded to the cent (half up), so a sheet
of many short assignments does not gather rounding differences.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings

from teilhabe.mediation.models import Assignment

CENT = Decimal("0.01")
DEFAULT_RATES: dict[str, dict[str, dict[str, str]]] = {
    "*": {
        "honorar": {"hour": "30.00", "km": "0.30"},
        "ehrenamt": {"hour": "12.00", "km": "0.30"},
        "angestellt": {"hour": "0.00", "km": "0.30"},
    }
}


@dataclass(frozen=True)
class Rate:
    hour: Decimal
    km: Decimal


def rate(kind: str, organisation_slug: str) -> Rate:
    table: dict[str, Any] = getattr(settings, "MEDIATION_RATES", DEFAULT_RATES)
    own = table.get(organisation_slug, {}).get(kind)
    general = table.get("*", DEFAULT_RATES["*"]).get(kind, {"hour": "0", "km": "0"})
    chosen = own or general
    return Rate(Decimal(chosen["hour"]), Decimal(chosen["km"]))


def amount(minutes: int, km: Decimal, rate: Rate) -> Decimal:
    hours = Decimal(minutes) / Decimal(60)
    return (hours * rate.hour + km * rate.km).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class Row:
    mediator: str
    kind: str
    programme: str
    assignments: int = 0
    minutes: int = 0
    travel_minutes: int = 0
    km: Decimal = Decimal("0")
    amount: Decimal = Decimal("0")

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes + self.travel_minutes) / 60).quantize(CENT, ROUND_HALF_UP)


def month_sheet(organisation_ids: list[int], month: datetime.date) -> list[Row]:
    """One row per mediator and funding programme for the assignments done (completed or
    no-show) on a day of `month`."""
    end = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    done = (
        Assignment.objects.filter(
            request__organisation_id__in=organisation_ids,
            cancelled_at=None,
            completed_at__isnull=False,
            request__date__gte=month.replace(day=1),
            request__date__lt=end,
        )
        .select_related("mediator", "mediator__organisation", "programme")
        .order_by("mediator__last_name", "mediator__first_name", "pk")
    )
    rows: dict[tuple[int, int | None], Row] = {}
    rates: dict[tuple[int, int | None], Rate] = {}
    for assignment in done:
        mediator = assignment.mediator
        key = (mediator.pk, assignment.programme_id)
        if key not in rows:
            programme = assignment.programme
            rows[key] = Row(
                str(mediator), mediator.get_kind_display(), programme.title if programme else ""
            )
            rates[key] = rate(mediator.kind, mediator.organisation.slug)
        row = rows[key]
        row.assignments += 1
        row.minutes += assignment.minutes_spent or 0
        row.travel_minutes += assignment.travel_minutes
        row.km += assignment.travel_km
    for key, row in rows.items():
        row.amount = amount(row.minutes + row.travel_minutes, row.km, rates[key])
    return list(rows.values())


def totals(rows: list[Row]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        sums["hours"] += row.hours
        sums["km"] += row.km
        sums["amount"] += row.amount
    return dict(sums)
