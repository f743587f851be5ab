"""Records of the activities module for the role matrix and the axe run over every page."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.activities import services, services_volunteers, subscriptions
from teilhabe.activities.models import TaskArea, Volunteer
from teilhabe.organisations.models import Organisation


def activities_world(provider: Organisation, calendar_owner: Any) -> dict[str, Any]:
    group = services.create_group(
        provider,
        name="Seniorentreff Matrix",
        place="Integrationszentrum, Raum 1",
        weekday=0,
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(16, 0),
        first_date=datetime.date(2024, 1, 1),
    )
    meeting = services.record_meeting(
        group,
        date=datetime.date(2024, 1, 8),
        counts={"total": 3, "female": 2, "male": 1, "age_65_plus": 3},
    )
    event = services.create_event(
        provider, kind="outing", title="Ausflug Matrix", date=datetime.date(2024, 5, 15)
    )
    volunteer = Volunteer.objects.create(
        organisation=provider,
        first_name="Vera",
        last_name="Matrix",
        consent_given_on=datetime.date(2024, 1, 1),
    )
    # get_or_create: the demo city, loaded before this world in the browser tests, has it.
    area, _created = TaskArea.objects.get_or_create(
        organisation=provider, name="Leitung von Seniorengruppen"
    )
    services_volunteers.add_engagement(
        volunteer,
        task_area=area,
        group=group,
        leads_group=True,
        starts_on=datetime.date(2024, 1, 1),
    )
    subscription, token = subscriptions.create_subscription(calendar_owner, provider, "Matrix")
    return {
        "<group>": group.pk,
        "<meeting>": meeting.pk,
        "<event>": event.pk,
        "<volunteer>": volunteer.pk,
        "<subscription>": subscription.pk,
        "<calendar_token>": token,
    }
