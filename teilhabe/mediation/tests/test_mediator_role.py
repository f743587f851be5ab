"""The mediator role (`Role.MEDIATOR`): a mediator who only mediates sees their own
assignments, the organisation's calendar with them and its feed, and nothing of
casework — no permission of casework, documents, appointments or the network, and
the group pages' names stay closed."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.accounts.rules import PERMISSIONS
from teilhabe.activities.models import Group
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.mediation import services
from teilhabe.mediation.models import Mediator, MediatorKind, Modality, Subject
from teilhabe.mediation.tests.world import make_request, mediation_world
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

# What a mediator who only mediates may do; every other permission is refused.
MEDIATOR_PERMISSIONS = {
    "organisations.view_directory",
    "organisations.view_areas",
    "activities.view_calendar",
    "mediation.serve",
}


@pytest.fixture
def mediator_user(provider: Organisation, users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.MEDIATOR.value]


def test_the_role_grants_only_its_permissions(mediator_user: Any) -> None:
    granted = {name for name in PERMISSIONS if mediator_user.has_perm(name)}
    assert granted == MEDIATOR_PERMISSIONS


def test_start_page_calendar_and_nothing_of_casework(
    provider: Organisation, users_by_role: dict[str, Any], mediator_user: Any
) -> None:
    world = mediation_world(provider, users_by_role["counsellor"], mediator_user)
    own = world["<own>"][("<assignment>", mediator_user.pk)]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    mediator = Mediator.objects.get(user=mediator_user)
    coming = services.assign(make_request(mediator_body(world), date=tomorrow), mediator, user=None)
    Group.objects.create(
        organisation=provider,
        name="Elterncafé",
        weekday=tomorrow.weekday(),
        first_date=tomorrow,
        starts_at=datetime.time(9),
        ends_at=datetime.time(11),
    )
    client = signed_in_client(mediator_user)

    start = client.get(reverse("core:dashboard")).content.decode()
    assert "Meine Sprachmittlungseinsätze" in start
    assert "1 Einsatz zu bestätigen" in start  # the coming one, not yet confirmed

    calendar = client.get(
        reverse("activities:calendar"),
        {"einrichtung": provider.slug, "ansicht": "liste", "monat": f"{tomorrow:%Y-%m}"},
    ).content.decode()
    assert "Sprachmittlung Rumänisch" in calendar and "Elterncafé" in calendar
    assert reverse("activities:group_detail", args=[Group.objects.get().pk]) not in calendar

    assert client.get(reverse("mediation:my_complete", args=[own])).status_code == 200
    foreign = world["<assignment>"]  # the counsellor's mediator record
    assert client.get(reverse("mediation:my_complete", args=[foreign])).status_code == 404
    for name in ("casework:client_list", "casework:case_list", "mediation:request_create"):
        assert client.get(reverse(name)).status_code == 403
    assert coming.pk != own


def mediator_body(world: dict[str, Any]) -> Any:
    from teilhabe.mediation.models import RequestingBody

    return RequestingBody.objects.get(pk=world["<requesting_body>"])


def test_a_counsellor_who_mediates_keeps_both(provider: Organisation) -> None:
    both = make_user("beides", provider, Role.COUNSELLOR.value)
    Mediator.objects.create(
        organisation=provider,
        user=both,
        first_name="B",
        last_name="C",
        kind=MediatorKind.FREELANCE,
        languages=["tur"],
        subjects=[Subject.HEALTH],
        modalities=[Modality.PHONE],
    )
    assert both.has_perm("mediation.serve") and both.has_perm("casework.work_with_cases")
    only = make_user("nur", provider, Role.MEDIATOR.value)
    assert only.has_perm("mediation.serve") and not only.has_perm("casework.work_with_cases")
