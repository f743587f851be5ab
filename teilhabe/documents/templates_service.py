"""Write paths of letter templates: the defaults an organisation starts with, and the
team lead's changes (with the version check of core/versioning)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction

from teilhabe.core.versioning import save_versioned
from teilhabe.documents.models import LetterTemplate

DEFAULTS = Path(__file__).resolve().parent / "defaults"
DEFAULT_FILES = ("terminbestaetigung.txt", "beratungsbestaetigung.txt")


def default_templates() -> list[tuple[str, str]]:
    """(name, text) of the German templates in defaults/: the first line is the name."""
    found = []
    for file_name in DEFAULT_FILES:
        name, _blank, body = (DEFAULTS / file_name).read_text(encoding="utf-8").partition("\n\n")
        found.append((name.strip(), body.strip() + "\n"))
    return found


def ensure_defaults(organisation_id: int) -> None:
    """On first use: an organisation that never had a template gets the defaults. A
    template is switched off, not deleted, so the defaults do not come back."""
    if LetterTemplate.objects.filter(organisation_id=organisation_id).exists():
        return
    for name, body in default_templates():
        try:
            with transaction.atomic():
                LetterTemplate.objects.get_or_create(
                    organisation_id=organisation_id, name=name, defaults={"body": body}
                )
        except IntegrityError:  # created by a parallel request meanwhile
            continue


def create(organisation_id: int, *, name: str, body: str, is_active: bool) -> LetterTemplate:
    return LetterTemplate.objects.create(
        organisation_id=organisation_id, name=name.strip(), body=body, is_active=is_active
    )


def change(template: LetterTemplate, expected_version: int, **values: Any) -> LetterTemplate:
    """Raises core.versioning.EditConflict when somebody saved it meanwhile."""
    for name, value in values.items():
        setattr(template, name, value)
    save_versioned(template, expected_version)
    return template
