"""Read paths of documents and letter templates. Who sees a document is decided by
casework's access module: the case's document by whoever may open the case, the
client's by whoever may see the client; anything else is a 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from teilhabe.accounts.roles import Role
from teilhabe.casework.access import visible_case_or_404, visible_person_or_404
from teilhabe.casework.models import Case, Person
from teilhabe.documents.models import Document, LetterTemplate


def of_case(case: Case) -> QuerySet[Document]:
    return Document.objects.filter(case=case).select_related("uploaded_by")


def of_client(client: Person) -> QuerySet[Document]:
    return Document.objects.filter(client=client).select_related("uploaded_by")


def visible_document_or_404(user: Any, pk: int) -> Document:
    """The document, if the user may open its case or see its client; else 404 (its
    existence is not revealed)."""
    document = Document.objects.filter(pk=pk).first()
    if document is None:
        raise Http404
    if document.case_id is not None:
        visible_case_or_404(user, document.case_id)
    else:
        assert document.client_id is not None
        visible_person_or_404(user, document.client_id)
    return document


def led_organisations(user: Any) -> list[int]:
    """The organisations where the user is a team lead (they keep its letter templates)."""
    return list(
        user.memberships.filter(role=Role.TEAM_LEAD).values_list("organisation_id", flat=True)
    )


def templates_to_keep(user: Any) -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.filter(organisation_id__in=led_organisations(user))


def kept_template_or_404(user: Any, pk: int) -> LetterTemplate:
    template = templates_to_keep(user).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def offered_templates(case: Case) -> QuerySet[LetterTemplate]:
    return LetterTemplate.objects.filter(organisation_id=case.organisation_id, is_active=True)


def offered_template_or_404(case: Case, pk: int) -> LetterTemplate:
    template = offered_templates(case).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template
