"""The catalogue of actor kinds (school, job centre, mosque community ...), kept in
fixtures/actor_kinds.json.

Installed by a migration; the demo loader installs it again, so that a database that
was flushed (tests, `teilhabe flush`) still gets it. An installation may add kinds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).resolve().parent / "fixtures" / "actor_kinds.json"

# The kind an organisation's actor gets when it is created from the organisation.
KIND_OF_ORGANISATION = {
    "provider": "traeger",
    "city_office": "kommune",
    "migrant_organisation": "migrantenorganisation",
    "school": "schule",
    "public_agency": "sonstige",
    "other": "sonstige",
}


def install_actor_kinds(kind_model: Any = None) -> None:
    """`kind_model` is the migration's historical model, or the current one."""
    if kind_model is None:
        from teilhabe.network.models import ActorKind as kind_model
    for entry in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        kind_model.objects.update_or_create(
            code=entry["code"], defaults={"name": entry["name"], "position": entry["position"]}
        )
