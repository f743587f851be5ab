"""The document folder must not lie where static files are served from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


def served_folders() -> list[Path]:
    return [Path(settings.STATIC_ROOT), *(Path(str(d)) for d in settings.STATICFILES_DIRS)]


@register(Tags.security)
def check_document_root(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    root = Path(settings.DOCUMENT_ROOT).resolve()
    for served in served_folders():
        served = served.resolve()
        if root == served or served in root.parents or root in served.parents:
            return [
                Error(
                    "TEILHABE_DOCUMENT_ROOT lies in or around a folder of static files.",
                    hint="Documents must only leave through the audited download; "
                    "choose a folder outside the static files.",
                    id="documents.E001",
                )
            ]
    return []
