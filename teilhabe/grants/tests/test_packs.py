"""The decision pack and the minutes of a board meeting: real PDFs with the
application's finance plan, assessment and recommendation, and the decision with its
quorum, the exclusion and the recusal; only the members of that board read them."""

from __future__ import annotations

import datetime
import subprocess
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.conftest import signed_in_client
from teilhabe.grants import packs, services
from teilhabe.grants.tests.world import board_world, granted_world
from teilhabe.network import services as network_services
from teilhabe.network.models import BodyMembership

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


@pytest.fixture
def world(city: Any) -> dict[str, Any]:
    return granted_world(city)


def test_the_pack_shows_plan_assessment_and_recommendation(world: dict[str, Any]) -> None:
    text = _text(packs.pack_pdf(world["meeting"]))
    assert "Sprachcafé" in text and "Kulturverein Brücke e. V." in text
    assert "Honorare 4.000,00 €" in text and "Miete 1.500,00 €" in text
    assert "5.000,00 €" in text  # requested
    assert "Miete zu hoch angesetzt." in text  # assessment of the calculation
    assert "4.500,00 €" in text  # recommended
    assert "Ayşe Demir" not in text and "demir@bruecke.example" not in text


def test_the_minutes_list_the_recusal_exclusion_quorum_and_counts(
    world: dict[str, Any],
) -> None:
    text = _text(packs.minutes_pdf(world["meeting"]))
    item = world["grant_item"]
    assert f"{item.position}. {item.title}" in text
    assert "Dora" in text and "Nachbarin der Projektleitung" in text  # the recusal
    assert "§ 21 VwVfG" in text and "§ 20 VwVfG" in text  # Cem excluded as employee
    # voters: Anna, Berta, Emil (Cem excluded, Dora recused): 3 counted, 3 needed
    row = next(r for r in packs.minutes(world["meeting"]) if r.item == item)
    assert [m.person_name for m in row.excluded] == ["Cem"]
    assert [r.membership.person_name for r in row.recusals] == ["Dora"]
    assert (row.decision.present, row.decision.required) == (3, 3)
    # the first item of the world was never decided
    assert "1. Antrag Brücke" in text


def test_minutes_show_named_votes(city: Any) -> None:
    board = board_world(city)
    a, b, _c, d, e = board["members"]
    from teilhabe.grants.tests.world import attend
    from teilhabe.grants.voting import Vote

    attend(board["meeting"], a, b, d, e)
    services.record_named(board["item"], None, {a.pk: Vote.YES, b.pk: Vote.NO, d.pk: Vote.YES})
    text = _text(packs.minutes_pdf(board["meeting"]))
    assert "Berta" in text
    row = packs.minutes(board["meeting"])[0]
    assert {(v.membership.person_name, v.vote) for v in row.named} == {
        ("Vorsitz Anna", "ja"),
        ("Berta", "nein"),
        ("Dora", "ja"),
    }


def test_only_the_members_of_that_board_read_its_papers(
    world: dict[str, Any], users_by_role: Any, provider: Any
) -> None:
    lead = signed_in_client(users_by_role["team_lead"])  # works for the provider
    urls = [
        reverse(name, kwargs={"pk": world["meeting"].pk})
        for name in ("grants:decision_pack", "grants:minutes")
    ]
    # The provider sits with a vote on another board of the city, not on this one.
    other = board_world(world["body"].owner)
    seat = BodyMembership.objects.create(
        body=other["body"],
        actor=network_services.actor_for_organisation(provider),
        term_from=datetime.date(2024, 1, 1),
    )
    services.set_voting_right(seat)
    other_urls = [
        reverse(name, kwargs={"pk": other["meeting"].pk})
        for name in ("grants:decision_pack", "grants:minutes")
    ]
    for url in urls:
        assert lead.get(url).status_code == 404
    for url in other_urls:
        response = lead.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # A guest seat on this board reads nothing either.
    BodyMembership.objects.create(
        body=world["body"],
        actor=network_services.actor_for_organisation(provider),
        function=BodyMembership.Function.GUEST,
        term_from=datetime.date(2024, 1, 1),
    )
    assert lead.get(urls[0]).status_code == 404
    # The city's coordinator keeps the board's records and reads them.
    coordinator = signed_in_client(users_by_role["integration_coordinator"])
    assert coordinator.get(urls[1]).status_code == 200
    # A role outside the network is refused before any lookup.
    assert signed_in_client(users_by_role["counsellor"]).get(urls[1]).status_code == 403
