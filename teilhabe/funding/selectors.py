"""The read paths of funding: what depends on a programme, and the funding cliff.

Dates are data: every function takes the day it looks from; nothing here reads today.
A programme "ends within N months" of a day when its last day of funding lies on or
after that day and before the same day N months later (01.07.2024 + 6 months =
01.01.2025, so a programme ending 31.12.2024 is in the first six months).
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _

from teilhabe.funding.models import (
    DependantKind,
    Fund,
    FundingProgramme,
    ProgrammeDependency,
    StaffPost,
)

HORIZONS = (6, 12, 18)  # months of the funding cliff
WARNING_MONTHS = 12  # the start page warns a year ahead


@dataclass(frozen=True)
class Dependant:
    """One thing that ends with a programme, whichever record it comes from."""

    kind_code: str  # a DependantKind value, or the label of another app's model
    kind: str
    label: str
    organisation: str = ""
    service: str = ""
    detail: str = ""
    dependency_id: int | None = None  # a registry entry (can be removed)
    post_id: int | None = None  # a staff post (can be edited)


@dataclass
class ProgrammeEnd:
    programme: FundingProgramme
    dependants: list[Dependant] = field(default_factory=list)


@dataclass(frozen=True)
class Band:
    months_from: int
    months_to: int
    starts: datetime.date
    ends_before: datetime.date
    programmes: list[ProgrammeEnd]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day where it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def ending_between(start: datetime.date, before: datetime.date) -> QuerySet[FundingProgramme]:
    return FundingProgramme.objects.filter(ends_on__gte=start, ends_on__lt=before).order_by(
        "ends_on", "code"
    )


def ending_within(day: datetime.date, months: int) -> QuerySet[FundingProgramme]:
    return ending_between(day, add_months(day, months))


def _hours(post: StaffPost) -> str:
    hours = formats.number_format(post.hours_per_week.normalize(), use_l10n=True)
    return _("%(hours)s hours a week") % {"hours": hours}


def _referring_relations() -> list[Any]:
    """Foreign keys of other apps to a programme (a plan's measure names its programme):
    found through Django's model registry, so this app imports none of them."""
    relations: list[Any] = list(FundingProgramme._meta.related_objects)
    return [
        relation
        for relation in relations
        if relation.one_to_many and relation.related_model._meta.app_label != "funding"
    ]


def dependants_of(programmes: Iterable[FundingProgramme]) -> dict[int, list[Dependant]]:
    """Everything that depends on each programme: staff posts, the registry's entries,
    and the records of other apps that name the programme (measures of the plan). A
    fixed number of queries however many programmes."""
    ids = [programme.pk for programme in programmes]
    result: dict[int, list[Dependant]] = {pk: [] for pk in ids}
    posts = StaffPost.objects.filter(programme_id__in=ids).select_related("organisation", "service")
    for post in posts:
        result[post.programme_id].append(
            Dependant(
                kind_code=DependantKind.STAFF_POST,
                kind=str(DependantKind.STAFF_POST.label),
                label=post.title,
                organisation=post.organisation.name,
                service=post.service.code if post.service else "",
                detail=_hours(post),
                post_id=post.pk,
            )
        )
    linked: set[tuple[int, int]] = set()
    for relation in _referring_relations():
        model = relation.related_model
        content_type = ContentType.objects.get_for_model(model)
        rows = model._default_manager.filter(**{f"{relation.field.name}__in": ids})
        for row in rows:
            linked.add((content_type.pk, row.pk))
            programme_id = getattr(row, relation.field.attname)
            result[programme_id].append(
                Dependant(
                    kind_code=model._meta.label_lower,
                    kind=str(model._meta.verbose_name),
                    label=str(row),
                )
            )
    entries = ProgrammeDependency.objects.filter(programme_id__in=ids).select_related(
        "organisation", "service"
    )
    for entry in entries:
        if entry.content_type_id and (entry.content_type_id, entry.object_id) in linked:
            continue  # already listed through the record's own link to the programme
        result[entry.programme_id].append(
            Dependant(
                kind_code=entry.kind,
                kind=entry.get_kind_display(),
                label=entry.label,
                organisation=entry.organisation.name if entry.organisation else "",
                service=entry.service.code if entry.service else "",
                detail=entry.note,
                dependency_id=entry.pk,
            )
        )
    for dependants in result.values():
        dependants.sort(key=_order)
    return result


KIND_ORDER = {kind: index for index, kind in enumerate(DependantKind.values)}


def _order(item: Dependant) -> tuple[int, str, str, str]:
    """Posts first, then services, programmes, groups, measures (also those of other
    apps' records), other work; the same order in every language."""
    index = KIND_ORDER.get(item.kind_code, KIND_ORDER[DependantKind.MEASURE])
    return (index, item.kind_code, item.organisation, item.label)


def with_dependants(programmes: Iterable[FundingProgramme]) -> list[ProgrammeEnd]:
    programmes = list(programmes)
    found = dependants_of(programmes)
    return [ProgrammeEnd(programme, found[programme.pk]) for programme in programmes]


def cliff(day: datetime.date, horizons: tuple[int, ...] = HORIZONS) -> list[Band]:
    """The funding cliff seen from `day`: for each band (0–6, 6–12, 12–18 months) the
    programmes ending in it and everything that ends with them."""
    bands, start, months_from = [], day, 0
    for months in horizons:
        before = add_months(day, months)
        programmes = with_dependants(ending_between(start, before))
        bands.append(Band(months_from, months, start, before, programmes))
        start, months_from = before, months
    return bands


def programme_list() -> QuerySet[FundingProgramme]:
    return FundingProgramme.objects.annotate(
        post_count=Count("staff_posts", distinct=True),
        dependency_count=Count("dependencies", distinct=True),
        fund_count=Count("funds", distinct=True),
    ).order_by("code")


def funds_of(programme: FundingProgramme) -> QuerySet[Fund]:
    return programme.funds.select_related("area").order_by("name")


def fund_list() -> QuerySet[Fund]:
    return Fund.objects.select_related("programme", "area").order_by("name")


def ending_for_lead(scope: Q, day: datetime.date) -> list[ProgrammeEnd]:
    """Programmes ending within a year of `day` with the dependants in a team lead's
    services (`access.led_scope`): only those, and only programmes that have any."""
    programmes = ending_within(day, WARNING_MONTHS)
    posts = StaffPost.objects.filter(scope, programme__in=programmes)
    entries = ProgrammeDependency.objects.filter(scope, programme__in=programmes)
    post_ids = set(posts.values_list("pk", flat=True))
    entry_ids = set(entries.values_list("pk", flat=True))
    affected = programmes.filter(
        Q(staff_posts__in=post_ids) | Q(dependencies__in=entry_ids)
    ).distinct()
    ends = with_dependants(affected)
    for end in ends:
        end.dependants = [
            item
            for item in end.dependants
            if (item.post_id in post_ids) or (item.dependency_id in entry_ids)
        ]
    return ends
