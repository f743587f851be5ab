"""Indicators fed by the data that exists: where a measure's indicator is an output
Teilhabe already counts, its value for a year is read from the app that counts it, for
the measure's lead organisation, never typed in. Each value names where it comes from.

- group attendances: `activities.figures` `group_participants` (the attendance of the
  group dates of the year that were not cancelled, summed);
- programme families: `programmes.figures` `familien` (households with an enrolment
  active in the year in one of the organisation's programmes, counted once);
- volunteers: `activities.figures` `volunteers.volunteers` (different volunteers with
  an engagement overlapping the year).

A lead outside Teilhabe (an actor without an organisation) has no such data: the value
is empty and says why. The period is the calendar year of the plan's reference date.

- counselling sessions in the measure's areas: `casework.figures.sessions_in_areas`,
  the sessions of the year that count (cancelled ones never), of all organisations and
  services, whose client lives in one of the measure's areas or an area below one (the
  "takes place in" rule of plan.md, read downwards); a city-wide measure counts every
  session. This source does not depend on the lead. The figure leaves the
  organisations that own the sessions, so a count from 1 to
  `SMALL_NUMBER_THRESHOLD - 1` is not shown (docs/privacy.md; 0 is shown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from teilhabe.activities.figures import activity_figures
from teilhabe.casework.figures import sessions_in_areas
from teilhabe.organisations.models import Area, Organisation
from teilhabe.planning.models import Indicator, IndicatorSource, Measure
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.models import Programme


def _group_attendances(organisation: Organisation, year: int) -> int:
    return activity_figures(organisation, year).group_participants


def _programme_families(organisation: Organisation, year: int) -> int:
    programmes = Programme.objects.filter(organisation=organisation)
    families: int = programme_figures(programmes, year)["familien"]
    return families


def _volunteers(organisation: Organisation, year: int) -> int:
    return activity_figures(organisation, year).volunteers.volunteers


READERS: dict[str, Callable[[Organisation, int], int]] = {
    IndicatorSource.GROUP_ATTENDANCES: _group_attendances,
    IndicatorSource.PROGRAMME_FAMILIES: _programme_families,
    IndicatorSource.VOLUNTEERS: _volunteers,
}


def _origin(source: str) -> str:
    origins: dict[str, str] = {
        IndicatorSource.GROUP_ATTENDANCES: _(
            "activity report: attendance of the group dates held, summed"
        ),
        IndicatorSource.PROGRAMME_FAMILIES: _(
            "programme figures: families with an enrolment active in the year"
        ),
        IndicatorSource.VOLUNTEERS: _("activity report: volunteers with an engagement in the year"),
    }
    return origins[source]


@dataclass
class IndicatorValue:
    indicator: Indicator
    value: int | None
    source: str  # where the value comes from, or why there is none


def _areas_and_below(area_ids: set[int]) -> set[int]:
    children: dict[int | None, list[int]] = {}
    for pk, parent in Area.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found: set[int] = set()
    todo = list(area_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def _area_sessions(indicator: Indicator, measure: Measure, year: int) -> IndicatorValue:
    areas = list(measure.areas.order_by("level", "code"))
    if areas:
        value = sessions_in_areas(_areas_and_below({a.pk for a in areas}), year)
        where = ", ".join(area.name for area in areas)
    else:
        value, where = sessions_in_areas(None, year), _("city-wide")
    source = _(
        "%(year)s, %(areas)s: counselling sessions of all services (not cancelled) "
        "with clients living there"
    ) % {"year": year, "areas": where}
    if 0 < value < settings.SMALL_NUMBER_THRESHOLD:
        hidden = _("%(source)s; fewer than %(threshold)s, not shown (small numbers)") % {
            "source": source,
            "threshold": settings.SMALL_NUMBER_THRESHOLD,
        }
        return IndicatorValue(indicator, None, hidden)
    return IndicatorValue(indicator, value, source)


def values_for(
    measure: Measure, indicators: Iterable[Indicator], year: int
) -> list[IndicatorValue]:
    """Each indicator of the measure with its value for `year` where it is read from data."""
    organisation = measure.lead.organisation if measure.lead_id and measure.lead else None
    out = []
    for indicator in indicators:
        if not indicator.source:
            out.append(IndicatorValue(indicator, None, _("entered by hand")))
        elif indicator.source == IndicatorSource.AREA_SESSIONS:
            out.append(_area_sessions(indicator, measure, year))
        elif organisation is None:
            reason = _("no value: the lead organisation does not work in Teilhabe")
            out.append(IndicatorValue(indicator, None, reason))
        else:
            value = READERS[indicator.source](organisation, year)
            source = _("%(year)s, %(organisation)s, %(origin)s") % {
                "year": year,
                "organisation": organisation.name,
                "origin": _origin(indicator.source),
            }
            out.append(IndicatorValue(indicator, value, source))
    return out
