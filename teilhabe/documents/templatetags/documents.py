"""The client page's documents section (documents/client_section.html), computed here
because the client page's view belongs to casework, which knows nothing of documents."""

from __future__ import annotations

from typing import Any

from django import template

from teilhabe.documents import selectors
from teilhabe.documents.case_tab import may_delete

register = template.Library()


@register.simple_tag(takes_context=True)
def client_documents(context: Any, client: Any) -> dict[str, Any]:
    """The client's own documents and those the user may delete. The client page has
    checked that the user sees the client (casework.access)."""
    user = context["request"].user
    documents = list(selectors.of_client(client))
    lead = client.organisation_id in selectors.led_organisations(user)
    return {
        "documents": documents,
        "deletable": {d.pk for d in documents if may_delete(user, d, lead)},
    }
