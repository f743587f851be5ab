"""The catalogue of services (MBE, JMD, KIM, ...), kept in fixtures/services.json.

Installed by a migration; the demo loader installs it again, so that a database that
was flushed (tests, `teilhabe flush`) still gets it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).resolve().parent / "fixtures" / "services.json"


def install_service_catalogue(service_model: Any = None) -> None:
    """`service_model` is the migration's historical model, or the current one."""
    if service_model is None:
        from teilhabe.organisations.models import Service as service_model
    for entry in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        service_model.objects.update_or_create(
            code=entry["code"],
            defaults={"name": entry["name"], "is_programme": entry["is_programme"]},
        )
