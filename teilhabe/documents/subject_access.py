"""The documents kept about a person, for the data-subject access export
(casework/subject_access_parts.py): those of the person and of the person's own cases
the export shows; the files themselves are handed out through the document pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from teilhabe.casework.subject_access_parts import SubjectAccessPart
from teilhabe.documents.models import Document


def document_rows(person: Any, cases: Sequence[Any], full: bool) -> list[dict[str, str]]:
    own_cases = [case.pk for case in cases if case.client_id == person.pk]
    documents = Document.objects.filter(Q(client=person) | Q(case_id__in=own_cases))
    return [
        {
            _("Date of the document"): f"{item.document_date:%d.%m.%Y}",
            _("Kind"): item.get_kind_display(),
            _("Title"): item.title,
            _("Uploaded by"): str(item.uploaded_by or "–"),
        }
        for item in documents.select_related("uploaded_by").order_by("document_date", "pk")
    ]


DOCUMENTS = SubjectAccessPart("documents", gettext_lazy("Documents"), document_rows)
