"""The papers of a board meeting as PDFs: the decision pack for the members (each
application on the agenda with its finance plan, assessment and recommendation) and
the minutes with the decision of every item (counts or named votes, recusals,
exclusions and the quorum it was taken with).

The pack leaves out the applicant's contact person: the members decide on the project
and the organisation, and the pack travels by mail and on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core import pdf_pages as pdf
from teilhabe.grants import selectors, voting
from teilhabe.grants.application_models import Application, Assessment, CostLine
from teilhabe.grants.models import ItemDecision, NamedVote, Recusal
from teilhabe.network.models import AgendaItem, Attendance, BodyMembership, Meeting


@dataclass(frozen=True)
class PackEntry:
    item: AgendaItem
    application: Application | None
    costs: list[CostLine]
    assessment: Assessment | None


def pack(meeting: Meeting) -> list[PackEntry]:
    items = list(meeting.agenda_items.order_by("position"))
    applications = {
        application.agenda_item_id: application
        for application in Application.objects.filter(agenda_item__in=items)
        .select_related("fund", "field_of_action", "measure")
        .prefetch_related("costs", "assessments")
    }
    entries = []
    for item in items:
        application = applications.get(item.pk)
        assessments = list(application.assessments.all()) if application else []
        entries.append(
            PackEntry(
                item=item,
                application=application,
                costs=list(application.costs.all()) if application else [],
                assessment=max(assessments, key=lambda a: (a.at, a.pk)) if assessments else None,
            )
        )
    return entries


@dataclass(frozen=True)
class MinutesItem:
    item: AgendaItem
    decision: ItemDecision | None
    quorum: voting.Quorum
    named: list[NamedVote] = field(default_factory=list)
    recusals: list[Recusal] = field(default_factory=list)
    excluded: list[BodyMembership] = field(default_factory=list)


def minutes(meeting: Meeting) -> list[MinutesItem]:
    rows = []
    for item in meeting.agenda_items.order_by("position"):
        page = selectors.item_page(item)
        decision = ItemDecision.objects.filter(agenda_item=item).first()
        seats: Any = page["seats"]
        quorum: Any = page["quorum"]
        rows.append(
            MinutesItem(
                item=item,
                decision=decision,
                quorum=quorum,
                named=list(decision.votes.select_related("membership__actor")) if decision else [],
                recusals=list(
                    Recusal.objects.filter(agenda_item=item).select_related("membership__actor")
                ),
                excluded=[row.member for row in seats if row.excluded_by is not None],
            )
        )
    return rows


def attendance(meeting: Meeting) -> list[Attendance]:
    return sorted(
        Attendance.objects.filter(meeting=meeting).select_related("membership__actor"),
        key=lambda row: row.membership.sort_key,
    )


def pack_pdf(meeting: Meeting) -> bytes:
    context = {
        "title": _("Decision pack"),
        "meeting": meeting,
        "entries": pack(meeting),
    }
    return pdf.render("grants/pack_pdf.html", context)


def minutes_pdf(meeting: Meeting) -> bytes:
    context = {
        "title": _("Minutes of the decisions"),
        "meeting": meeting,
        "items": minutes(meeting),
        "attendance": attendance(meeting),
    }
    return pdf.render("grants/minutes_pdf.html", context)
