"""The plan's measures in an area, for the district monitoring's "What happens there"
(monitoring/registry.py; monitoring imports no planning model). A measure is in the
area when one of its areas is the area or lies below it; status and stand are those on
the profile's reference date (`figures.measures_on`)."""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.planning.figures import measures_on
from teilhabe.planning.models import Concept, Measure, Status


def measures_in_area(area_ids: Collection[int], day: datetime.date) -> list[str]:
    wanted = set(area_ids)
    labels = dict(Status.choices)
    lines = []
    for concept in Concept.objects.order_by("title"):
        found = {pk: m for pk, m in measures_on(concept, day).items() if m.areas & wanted}
        titles = dict(Measure.objects.filter(pk__in=found).values_list("pk", "title"))
        for pk, measure in sorted(found.items(), key=lambda item: item[1].code):
            lines.append(
                _("%(concept)s: %(code)s %(title)s (%(status)s, %(stand)s %%)")
                % {
                    "concept": concept.title,
                    "code": measure.code,
                    "title": titles[pk],
                    "status": labels.get(measure.status, measure.status),
                    "stand": measure.stand,
                }
            )
    return lines


def register() -> None:
    from teilhabe.monitoring.registry import AreaSection, register_area_section

    register_area_section(
        AreaSection("massnahmen", gettext_lazy("Measures of the plan"), measures_in_area, 10)
    )
