"""The figures of the programme part of the annual report (seed 000, sections 2.1.2 HIPPY
and 2.1.3 E:DU), computed from enrolments and home visits. Definitions: docs/programmes.md.

Scope: one or more programmes; one reporting year J. Base sets:

- an enrolment is *active in J* when it started on or before 31.12.J and has no end or
  ended on or after 01.01.J (an enrolment that ended on 1 January counts in J, and
  one running across the year end counts in both years);
- a *family of J* is a household with at least one active enrolment in the scope,
  counted once however many enrolments it has there (a family that changed from E:DU
  to HIPPY is one family in a report over both programmes, and one in each programme's
  own report);
- a *home visit of J* is a visit of an enrolment of the scope dated in J;
- an *end in J* is an enrolment of the scope whose end date lies in J.

Keys (stable; the JSON export carries exactly these):

- `familien`: families of J; `familien_neu`: families of J with no enrolment in the
  scope that started before 01.01.J; `familien_laufend_jahresende`: families with an
  enrolment of the scope active on 31.12.J.
- `programmwechsel_zugang`: enrolments that started in J and continue an enrolment in
  another programme; `programmwechsel_abgang`: ends in J continued in another programme.
- `herkunftslaender` / `sprachen`: {ISO code: number of families of J with at least one
  household member of that country of origin / speaking that language}, largest first;
  a family with members of two origins counts under both. `herkunftslaender_anzahl`,
  `sprachen_anzahl`: distinct codes; `herkunftslaender_ohne_de_anzahl`: distinct
  countries of origin other than Germany. `stadtteile`: {district: families}, by the
  members' district of residence. `unbekannt`: families with no known value.
  The household's members are taken as they are stored when the report is made.
- `hausbesuche`: home visits of J; `hausbesuche_minuten`: their summed duration;
  `hausbesuchende_anzahl`: the distinct home visitors who made them;
  `hausbesuch_dauer_durchschnitt`: minutes per visit; `hausbesuche_je_familie`: visits
  per family of J; `familienjahre`: the days the families of J took part in J (the union
  of their enrolments in the scope, start and end day included) divided by the days of
  J; `hausbesuche_je_familienjahr`: visits per family-year, i.e. how often a family that
  takes part all year is visited.
- `beendet`, `beendet_regulaer`, `beendet_vorzeitig`: ends in J; `abbruchgruende`:
  {reason: number of early ends in J}, every reason listed.
- `verweildauer_monate_durchschnitt`: the mean time in the programme of the ends in J,
  each from its start to its end date, both included, in days divided by 30.4375 (the
  mean length of a month, 365.25 / 12). It counts the enrolment in this programme only;
  the time in a previous programme is that programme's own.
- `vorjahr`: the same object for J-1, without its own `vorjahr`.

Averages have one decimal (rounded half up), `familienjahre` two; an average over
nothing is null.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction
from math import floor
from typing import Any

from django.db.models import Q

from teilhabe.casework.models import Person
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, HomeVisit, Programme

DAYS_PER_MONTH = Fraction(36525, 1200)  # 365.25 / 12 = 30.4375
GERMANY = "DE"


def rounded(value: Fraction | None, places: int = 1) -> float | None:
    """Rounded half up (16.65 -> 16.7), exactly, without binary floating-point error."""
    if value is None:
        return None
    scale = 10**places
    return floor(value * scale + Fraction(1, 2)) / scale


def ratio(numerator: int, denominator: int | Fraction) -> Fraction | None:
    return Fraction(numerator) / denominator if denominator else None


def _by_count(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _participation_days(spans: list[tuple[datetime.date, datetime.date]]) -> int:
    """Days covered by the union of inclusive date ranges."""
    days, covered_until = 0, None
    for start, end in sorted(spans):
        if covered_until is not None and start <= covered_until:
            start = covered_until + datetime.timedelta(days=1)
        if start <= end:
            days += (end - start).days + 1
            covered_until = end if covered_until is None else max(covered_until, end)
    return days


def _members(families: set[int]) -> dict[str, Any]:
    """Per family the distinct countries of origin, languages and districts of its
    members; counted as families per value."""
    values: dict[str, dict[int, set[str]]] = {
        key: {family: set() for family in families}
        for key in ("herkunftslaender", "sprachen", "stadtteile")
    }
    members = Person.objects.filter(household_id__in=families).values_list(
        "household_id", "country_of_origin", "languages", "district__name"
    )
    for household, country, spoken, district in members:
        if country:
            values["herkunftslaender"][household].add(country)
        values["sprachen"][household].update(code for code in spoken or [] if code)
        if district:
            values["stadtteile"][household].add(district)
    figures: dict[str, Any] = {
        key: _by_count(Counter(value for found in per_family.values() for value in found))
        for key, per_family in values.items()
    }
    figures["unbekannt"] = {
        key: sum(1 for found in per_family.values() if not found)
        for key, per_family in values.items()
    }
    return figures


def _year_figures(programme_ids: list[int], year: int) -> dict[str, Any]:
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    in_scope = Enrolment.objects.filter(programme_id__in=programme_ids)
    active: list[dict[str, Any]] = [
        dict(row)
        for row in in_scope.filter(start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .values(
            "pk", "household_id", "start_date", "end_date", "end_kind", "end_reason",
            "previous_enrolment_id", "next_enrolment",
        )
    ]  # fmt: skip
    families = {row["household_id"] for row in active}
    earlier = set(
        in_scope.filter(household_id__in=families, start_date__lt=first).values_list(
            "household_id", flat=True
        )
    )
    spans: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for row in active:
        span = (max(row["start_date"], first), min(row["end_date"] or last, last))
        spans.setdefault(row["household_id"], []).append(span)
    participation = sum(_participation_days(family_spans) for family_spans in spans.values())
    family_years = Fraction(participation, (last - first).days + 1)

    ended = [row for row in active if row["end_date"] and row["end_date"] <= last]
    early = [row for row in ended if row["end_kind"] == EndKind.EARLY]
    reasons = Counter(row["end_reason"] for row in early)
    stay_days = sum((row["end_date"] - row["start_date"]).days + 1 for row in ended)

    visits = list(
        HomeVisit.objects.filter(
            enrolment__programme_id__in=programme_ids, date__gte=first, date__lte=last
        ).values_list("duration_minutes", "visitor_id")
    )
    durations = [minutes for minutes, _visitor in visits]
    members = _members(families)
    countries, languages = members["herkunftslaender"], members["sprachen"]
    return {
        "jahr": year,
        "familien": len(families),
        "familien_neu": len(families - earlier),
        "familien_laufend_jahresende": len(
            {
                row["household_id"]
                for row in active
                if row["end_date"] is None or row["end_date"] >= last
            }
        ),
        "programmwechsel_zugang": sum(
            1 for row in active if row["start_date"] >= first and row["previous_enrolment_id"]
        ),
        "programmwechsel_abgang": sum(1 for row in ended if row["next_enrolment"]),
        "herkunftslaender": countries,
        "herkunftslaender_anzahl": len(countries),
        "herkunftslaender_ohne_de_anzahl": len(set(countries) - {GERMANY}),
        "sprachen": languages,
        "sprachen_anzahl": len(languages),
        "stadtteile": members["stadtteile"],
        "unbekannt": members["unbekannt"],
        "hausbesuche": len(durations),
        "hausbesuche_minuten": sum(durations),
        "hausbesuchende_anzahl": len({visitor for _minutes, visitor in visits if visitor}),
        "hausbesuch_dauer_durchschnitt": rounded(ratio(sum(durations), len(durations))),
        "hausbesuche_je_familie": rounded(ratio(len(durations), len(families))),
        "familienjahre": rounded(family_years, 2),
        "hausbesuche_je_familienjahr": rounded(ratio(len(durations), family_years)),
        "beendet": len(ended),
        "beendet_regulaer": sum(1 for row in ended if row["end_kind"] == EndKind.REGULAR),
        "beendet_vorzeitig": len(early),
        "abbruchgruende": {reason.value: reasons[reason.value] for reason in EarlyEndReason},
        "verweildauer_monate_durchschnitt": rounded(
            ratio(stay_days, len(ended) * DAYS_PER_MONTH) if ended else None
        ),
    }


def programme_figures(programmes: Iterable[Programme | int], year: int) -> dict[str, Any]:
    """The figures of `year` for the programmes together, with `vorjahr` for year - 1."""
    ids = sorted({p if isinstance(p, int) else p.pk for p in programmes})
    described = Programme.objects.filter(pk__in=ids).select_related("service").order_by("name")
    figures = _year_figures(ids, year)
    figures["programme"] = [
        {"id": programme.pk, "name": programme.name, "dienst": programme.service.code}
        for programme in described
    ]
    figures["vorjahr"] = _year_figures(ids, year - 1)
    return figures
