"""The grant notice (Zuwendungsbescheid): its template per fund or for the installation,
and the issued notice as a PDF in the private folder.

The template's text goes through `notice_text.substitute` only, never through Django's
template engine; the result is escaped into `grants/notice_pdf.html`. The sender is the
organisation that convenes the deciding board (usually the city).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core import pdf_pages as pdf
from teilhabe.documents import storage
from teilhabe.funding.models import Fund
from teilhabe.grants import notice_text
from teilhabe.grants.amounts import euro
from teilhabe.grants.application_models import Grant, Status
from teilhabe.grants.grant_models import GrantNotice, NoticeTemplate

DEFAULT = Path(__file__).resolve().parent / "defaults" / "zuwendungsbescheid.txt"


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def default_text() -> str:
    return DEFAULT.read_text(encoding="utf-8")


def template_for(fund: Fund | None) -> str:
    """The fund's own template, else the installation's, else the German default."""
    rows = {row.fund_id: row.body for row in NoticeTemplate.objects.filter(fund__in=[fund])}
    if fund is not None and fund.pk in rows:
        return rows[fund.pk]
    installation = NoticeTemplate.objects.filter(fund__isnull=True).order_by("pk").first()
    return installation.body if installation else default_text()


@transaction.atomic
def save_template(fund: Fund | None, body: str) -> NoticeTemplate:
    found = notice_text.problems(body)
    if found:
        raise ValidationError(found)
    rows = NoticeTemplate.objects.select_for_update().filter(fund=fund).order_by("pk")
    template = rows.first() or NoticeTemplate(fund=fund)
    template.body = body
    template.save()
    return template


def values(grant: Grant, terms: dict[str, Any], day: datetime.date) -> dict[str, str]:
    """The placeholders' values of one notice, as plain strings."""
    application = grant.application
    meeting = application.agenda_item.meeting if application.agenda_item else None
    submitted = application.submitted_at
    submitted_on = timezone.localtime(submitted).date() if submitted else None
    return {
        "recipient.name": application.organisation_name,
        "recipient.address": application.organisation_address,
        "project.title": application.title,
        "project.purpose": terms["purpose"],
        "project.start": _date(terms["starts_on"]),
        "project.end": _date(terms["ends_on"]),
        "grant.amount": euro(grant.amount),
        "grant.reference": f"{application.year}-{application.pk}",
        "grant.decided_on": _date(meeting.held_on if meeting else grant.decided_on),
        "application.submitted_on": _date(submitted_on),
        "fund.name": application.fund.name,
        "board.name": meeting.body.name if meeting else "",
        "proof.due_on": _date(terms["proof_due_on"]),
        "conditions": terms.get("conditions") or "–",
        "authority.name": meeting.body.owner.name if meeting else "",
        "today": _date(day),
    }


def check_terms(terms: dict[str, Any]) -> None:
    if terms["ends_on"] < terms["starts_on"]:
        raise ValidationError(_("The period cannot end before it begins."))
    if terms["proof_due_on"] < terms["ends_on"]:
        raise ValidationError(_("The proof of use falls due after the end of the period."))


def render(grant: Grant, terms: dict[str, Any], day: datetime.date) -> bytes:
    application = grant.application
    filled = values(grant, terms, day)
    text = notice_text.substitute(template_for(application.fund), filled)
    meeting = application.agenda_item.meeting if application.agenda_item else None
    authority = meeting.body.owner if meeting else None
    context = {
        "title": _("Grant notice"),
        "paragraphs": notice_text.paragraphs(text),
        "authority": authority,
        "application": application,
        "reference": filled["grant.reference"],
        "today": day,
    }
    return pdf.render("grants/notice_pdf.html", context)


def issue(grant: Grant, user: Any, terms: dict[str, Any], day: datetime.date) -> GrantNotice:
    """Renders the notice and files it in the private folder; refused unless granted."""
    if grant.application.status != Status.APPROVED:
        raise ValidationError(_("A notice is issued only for an approved application."))
    check_terms(terms)
    content = render(grant, terms, day)
    stored = storage.store([content], len(content))
    try:
        return GrantNotice.objects.create(
            grant=grant,
            purpose=terms["purpose"],
            starts_on=terms["starts_on"],
            ends_on=terms["ends_on"],
            proof_due_on=terms["proof_due_on"],
            conditions=terms.get("conditions") or "",
            issued_on=day,
            file_id=stored.file_id,
            size=stored.size,
            sha256=stored.sha256,
            issued_by=user,
        )
    except BaseException:
        storage.remove(stored.file_id)
        raise


def proof_due_on(grant: Grant) -> datetime.date | None:
    """The due date of the proof of use in the latest notice (for the proof of use)."""
    latest = grant.notices.order_by("-created_at", "-pk").first()
    return latest.proof_due_on if latest else None
