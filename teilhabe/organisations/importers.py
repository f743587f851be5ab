from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.organisations.area_import import import_areas


def areas(path: Path, options: dict[str, Any]) -> str:
    result = import_areas(path, dry_run=options.get("dry_run", False))
    return _("%(created)s areas created, %(updated)s updated.") % {
        "created": result.created,
        "updated": result.updated,
    }
