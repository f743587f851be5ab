"""The board's set-up page: voting rights with a deputy, an interest in the register,
and invitations of every voting member and deputy (which quorum needs)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.grants.models import Interest, Invitation, VotingRight
from teilhabe.grants.tests.world import board_world
from teilhabe.network.models import Meeting

pytestmark = pytest.mark.django_db


def test_rights_interests_and_invitations(city: Any, users_by_role: Any) -> None:
    board = board_world(city)
    a, b, *_rest = board["members"]
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:board_setup", kwargs={"pk": board["body"].pk})
    assert client.get(url).status_code == 200
    _deputy_b, deputy_d = board["deputies"]
    response = client.post(url, {"action": "right", "membership": a.pk, "deputy": deputy_d.pk})
    assert response.status_code == 302
    assert VotingRight.objects.get(membership=a).deputy == deputy_d
    response = client.post(
        url,
        {
            "action": "interest",
            "membership": b.pk,
            "organisation": board["applicant"].pk,
            "kind": "vorstand",
            "declared_on": "2025-01-10",
        },
    )
    assert response.status_code == 302
    assert Interest.objects.filter(membership=b, kind="vorstand").exists()
    meeting = Meeting.objects.create(body=board["body"], held_on=datetime.date(2025, 6, 1))
    response = client.post(
        url, {"action": "invite", "meeting": meeting.pk, "invited_on": "2025-05-15"}
    )
    assert response.status_code == 302
    # five voting members and the two deputies
    assert Invitation.objects.filter(meeting=meeting).count() == 7


def test_a_deputy_from_another_body_is_refused(city: Any, users_by_role: Any) -> None:
    board, other = board_world(city), board_world(city)
    client = signed_in_client(users_by_role["integration_coordinator"])
    url = reverse("grants:board_setup", kwargs={"pk": board["body"].pk})
    response = client.post(
        url,
        {"action": "right", "membership": board["members"][0].pk, "deputy": other["members"][0].pk},
    )
    assert response.status_code == 400
    assert VotingRight.objects.get(membership=board["members"][0]).deputy is None
