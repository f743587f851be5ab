"""The decision pack and the minutes of a board meeting as PDFs, for the members of
that board only (grants/access.py); another board's meeting is a 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from teilhabe.core.access import requires
from teilhabe.core.audit_trail import log_reads
from teilhabe.grants import access, packs
from teilhabe.grants.application_models import Application
from teilhabe.network import access as network
from teilhabe.network.models import Meeting


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    meeting: Meeting = network.get_visible(
        access.pack_meetings(request.user).select_related("body__owner"), pk
    )
    return meeting


def _pdf(content: bytes, name: str, meeting: Meeting) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{name}-{meeting.held_on:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires("network.take_part")
def decision_pack(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    content = packs.pack_pdf(meeting)
    # the pack names the applicant organisations and the assessment of their projects
    log_reads(request, Application.objects.filter(agenda_item__meeting=meeting), "decision pack")
    return _pdf(content, _("decision-pack"), meeting)


@requires("network.take_part")
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    content = packs.minutes_pdf(meeting)
    log_reads(request, meeting.body.memberships.all(), "minutes of the decisions")
    return _pdf(content, _("minutes"), meeting)
