"""Changing a legal page (administrator); the change is in the audit log."""

from __future__ import annotations

from typing import Any

from teilhabe.legal.models import LegalPage


def save_page(kind: str, body: str, *, user: Any) -> LegalPage:
    legal_page, _created = LegalPage.objects.get_or_create(
        kind=kind, defaults={"body": body, "updated_by": user}
    )
    if legal_page.body != body:
        legal_page.body, legal_page.updated_by = body, user
        legal_page.save()
    return legal_page
