"""The "Documents" tab of the case page (registered in apps.py): the case's documents,
the upload form and the organisation's letter templates."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from teilhabe.casework.access import is_team_lead_of
from teilhabe.casework.models import Case
from teilhabe.documents import selectors, templates_service
from teilhabe.documents.forms import DocumentForm
from teilhabe.documents.models import Document

TAB = "dokumente"


def tab_offered(request: HttpRequest, case: Case) -> bool:
    return bool(request.user.has_perm("casework.work_with_cases"))


def may_delete(user: Any, document: Document, lead: bool) -> bool:
    """The uploader deletes their own documents; the team lead of the service any."""
    return lead or (document.uploaded_by_id is not None and document.uploaded_by_id == user.pk)


def tab_context(request: HttpRequest, case: Case) -> dict[str, Any] | None:
    if not tab_offered(request, case):
        return None
    templates_service.ensure_defaults(case.organisation_id)
    lead = is_team_lead_of(request.user, case)
    documents = list(selectors.of_case(case))
    return {
        "documents": documents,
        "deletable_documents": {d.pk for d in documents if may_delete(request.user, d, lead)},
        "document_form": DocumentForm(),
        "letter_templates": list(selectors.offered_templates(case)),
        "keeps_letter_templates": case.organisation_id in selectors.led_organisations(request.user),
    }
