"""Objects of the monitoring app for the role-matrix test."""

from __future__ import annotations

import datetime

from teilhabe.accounts.models import User
from teilhabe.accounts.roles import Role
from teilhabe.monitoring.models import RegisterRun


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
    return {"<register_run>": run.pk}
