"""Saving an index configuration with its indicators, against lost updates."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction

from teilhabe.core.tabular import parse_date
from teilhabe.core.versioning import save_versioned
from teilhabe.monitoring.models import IndexConfig, IndexIndicator


@transaction.atomic
def save_config(config: IndexConfig, data: dict[str, Any], version: int | None) -> IndexConfig:
    """Stores the form's cleaned data; raises EditConflict for a stale copy."""
    config.title = data["title"]
    config.level = data["level"]
    config.stichtag = parse_date(data["stichtag"])
    comparison: datetime.date | None = (
        parse_date(data["comparison"]) if data.get("comparison") else None
    )
    config.comparison = comparison
    config.limits = list(data["limits"])
    config.labels = list(data["labels"])
    config.min_residents = data["min_residents"]
    if config.pk is None:
        config.save()
    else:
        save_versioned(config, version if version is not None else config.version)
    config.components.all().delete()
    IndexIndicator.objects.bulk_create(
        IndexIndicator(config=config, indicator=code, direction=direction, weight=Decimal(weight))
        for code, direction, weight in data["components"]
    )
    return config
