"""The funding objects the role matrix (accounts/tests/test_role_matrix.py) opens: a
programme with a staff post and a dependant, and a fund with a budget and a booking."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from teilhabe.funding import services
from teilhabe.funding.models import (
    DependantKind,
    Fund,
    FundingProgramme,
    FundKind,
    ProgrammeDependency,
    StaffPost,
)
from teilhabe.organisations.models import Organisation


def funding_world(provider: Organisation) -> dict[str, Any]:
    programme = FundingProgramme.objects.create(
        code="FP-WELT", title="Weltprogramm", ends_on=datetime.date(2024, 12, 31)
    )
    post = StaffPost.objects.create(
        programme=programme, title="Sprachmittlung", organisation=provider, hours_per_week=20
    )
    dependant = ProgrammeDependency.objects.create(
        programme=programme, kind=DependantKind.OTHER, label="Konfliktarbeit"
    )
    fund = Fund.objects.create(name="Weltfonds", kind=FundKind.SMALL_PROJECTS, programme=programme)
    services.set_budget(fund, 2024, Decimal("1000"))
    services.commit(fund, 2024, Decimal("100"), "Projekt", datetime.date(2024, 3, 1))
    return {
        "<funding_programme>": programme.pk,
        "<staff_post>": post.pk,
        "<funding_dependant>": dependant.pk,
        "<fund>": fund.pk,
    }
