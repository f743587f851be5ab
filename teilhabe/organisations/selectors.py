"""Read paths for organisations and areas."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, QuerySet

from teilhabe.organisations.models import Area, Organisation


def organisation_directory(kind: str = "") -> QuerySet[Organisation]:
    organisations = Organisation.objects.prefetch_related("services").annotate(
        member_count=Count("memberships__user", distinct=True)
    )
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations


def area_tree(on: datetime.date | None = None) -> list[dict[str, Any]]:
    """The hierarchy as nested dicts; with `on`, only areas valid on that day."""
    areas = list(Area.objects.order_by("code"))
    if on:
        areas = [area for area in areas if area.is_valid_on(on)]
    children: dict[int | None, list[Area]] = {}
    for area in areas:
        children.setdefault(area.parent_id, []).append(area)
    known = {area.pk for area in areas}

    def build(area: Area) -> dict[str, Any]:
        return {"area": area, "children": [build(c) for c in children.get(area.pk, [])]}

    roots = [area for area in areas if area.parent_id is None or area.parent_id not in known]
    return [build(root) for root in roots]


def area_counts_by_level() -> dict[int, int]:
    return dict(Area.objects.values_list("level").annotate(n=Count("pk")).values_list("level", "n"))
