"""Objects of the monitoring app for the role-matrix test."""

from __future__ import annotations

import datetime

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.monitoring.models import (
    CategoryCount,
    IndexConfig,
    IndexIndicator,
    ReferenceDate,
    RegisterRun,
)
from teilhabe.organisations.models import Area


def monitoring_world() -> dict[str, int]:
    statistics = User.objects.filter(memberships__role=Role.STATISTICS).first()
    run = RegisterRun.objects.create(
        stichtag=datetime.date(2024, 12, 31),
        uploaded_by=statistics,
        file_name="melderegister.csv",
        status=RegisterRun.Status.DONE,
        residents=0,
        areas=0,
    )
    # One area with residents on the date, for the district profile.
    area = Area.objects.create(code="monitoring-welt", name="Weltviertel")
    date = ReferenceDate.objects.create(stichtag=datetime.date(2024, 12, 31), residents=40)
    CategoryCount.objects.create(
        reference_date=date, area=area, age_from=25, sex="w", category="ohne_mh", count=40
    )
    index = IndexConfig.objects.create(
        title="Weltindex", level=0, stichtag=datetime.date(2024, 12, 31), limits=[-1, 1]
    )
    IndexIndicator.objects.create(config=index, indicator="anteil_mh", direction=1)
    return {"<register_run>": run.pk, "<monitoring_area>": area.pk, "<index_config>": index.pk}
