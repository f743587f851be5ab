"""The board item page: the quorum as it stands, a recusal and a decision recorded, a
decision refused without quorum, and the network's access (unseen 404, read-only 403)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.grants.models import ItemDecision, Recusal
from teilhabe.grants.tests.world import attend, board_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(city: Any) -> dict[str, Any]:
    return board_world(city)


def _url(board: dict[str, Any]) -> str:
    return reverse("grants:board_item", kwargs={"pk": board["item"].pk})


def test_the_page_shows_the_quorum_live(board: dict[str, Any], users_by_role: Any) -> None:
    a, b, c, d, _e = board["members"]
    attend(board["meeting"], a, b, c)
    client = signed_in_client(users_by_role["integration_coordinator"])
    page = client.get(_url(board)).content.decode()
    # a and b count, c is excluded as the applicant's employee: 2 of 5, 3 needed
    assert "Nicht beschlussfähig" in page
    assert "2 von 5" in page or "2 of 5" in page
    attend(board["meeting"], d)
    page = client.get(_url(board)).content.decode()
    assert "3 von 5" in page or "3 of 5" in page


def test_a_recusal_then_a_refused_decision(board: dict[str, Any], users_by_role: Any) -> None:
    a, b, _c, d, _e = board["members"]
    attend(board["meeting"], a, b, d)
    client = signed_in_client(users_by_role["integration_coordinator"])
    response = client.post(_url(board), {"action": "recuse", "membership": d.pk, "reason": "x"})
    assert response.status_code == 302
    assert Recusal.objects.filter(membership=d).exists()
    response = client.post(_url(board), {"action": "decide", "yes": "2", "no": "0", "abstain": "0"})
    assert response.status_code == 400
    assert not ItemDecision.objects.exists()
    # what was typed stays in the form
    assert 'value="2"' in response.content.decode()


def test_a_decision_with_quorum_is_recorded(board: dict[str, Any], users_by_role: Any) -> None:
    a, b, _c, d, e = board["members"]
    attend(board["meeting"], a, b, d, e)
    client = signed_in_client(users_by_role["integration_coordinator"])
    response = client.post(_url(board), {"action": "decide", "yes": "3", "no": "1", "abstain": "0"})
    assert response.status_code == 302
    decision = ItemDecision.objects.get()
    assert (decision.outcome, decision.present, decision.required) == ("angenommen", 4, 3)


def test_a_provider_lead_cannot_see_the_citys_board(
    board: dict[str, Any], users_by_role: Any
) -> None:
    # The board is convened by the city; the provider holds no seat in it.
    response = signed_in_client(users_by_role["team_lead"]).get(_url(board))
    assert response.status_code == 404


def test_a_member_organisation_sees_the_item_but_cannot_record(
    board: dict[str, Any], users_by_role: Any, provider: Any
) -> None:
    from teilhabe.network import services as network_services
    from teilhabe.network.models import BodyMembership

    # The provider holds a plain seat: its team lead sees the board, records nothing.
    BodyMembership.objects.create(
        body=board["body"],
        actor=network_services.actor_for_organisation(provider),
        term_from=board["meeting"].held_on,
    )
    client = signed_in_client(users_by_role["team_lead"])
    assert client.get(_url(board)).status_code == 200
    response = client.post(_url(board), {"action": "decide", "yes": "3", "no": "0", "abstain": "0"})
    assert response.status_code == 403
    assert not ItemDecision.objects.exists()
