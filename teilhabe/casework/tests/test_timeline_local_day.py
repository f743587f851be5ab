"""The case timeline dates a hand-over by the day in Germany: one proposed at 00:30 in
Berlin (23:30 UTC the day before) showed the previous day, while the work list showed
the right one (found by the daily-tool browser flow, which ran near midnight)."""

from __future__ import annotations

import datetime

from teilhabe.casework import handover, selectors, services
from teilhabe.casework.models import Person, Referral
from teilhabe.conftest import make_user
from teilhabe.organisations.models import Organisation, Service


def test_hand_over_in_the_timeline_is_dated_by_the_local_day(
    provider: Organisation, city: Organisation
) -> None:
    user = make_user("anna")
    client = Person.objects.create(organisation=provider, first_name="Amal", last_name="Eins")
    case = services.open_case(
        client=client,
        service_id=Service.objects.get(code="MBE").pk,
        kind="beratung",
        opened_on=datetime.date(2026, 11, 2),
        access_route="familie",
        responsible=user,
    )
    consent = handover.record_consent(
        client,
        user=user,
        recipient_id=city.pk,
        recipient_service_id=Service.objects.get(code="KIM").pk,
        purpose="Clearing",
        given_on=datetime.date(2026, 12, 3),
        explained_language="de",
        refusal_explained=True,
        withdrawal_explained=True,
    )
    referral = handover.propose(case, consent=consent, kind="clearing", note="", user=user)
    late = datetime.datetime(2026, 12, 3, 23, 30, tzinfo=datetime.UTC)  # 00:30 in Berlin
    Referral.objects.filter(pk=referral.pk).update(created_at=late)
    [event] = [event for event in selectors.timeline(case) if event.kind == "referral"]
    assert event.date == datetime.date(2026, 12, 4)
