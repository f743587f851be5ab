"""The outside body's token form is rate limited: per address (every request, also a
guessed token) and per body (sent requests); the refusal is a 429 in German and stores
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from teilhabe.mediation import services
from teilhabe.mediation.models import MediationRequest, RequestingBody
from teilhabe.mediation.tests.world import mediation_world
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db
FORM = {
    "requesting_person": "Frau Sekretariat",
    "language": "ron",
    "subject": "schule",
    "date": "2030-03-04",
    "starts_at": "08:00",
    "duration_minutes": "45",
    "modality": "telefon",
}


@pytest.fixture
def world(provider: Organisation, users_by_role: dict[str, Any]) -> dict[str, Any]:
    return mediation_world(provider, users_by_role["counsellor"])


def test_a_body_sends_at_most_the_limit(
    world: dict[str, Any], settings: Any, provider: Organisation
) -> None:
    settings.MEDIATION_OUTSIDE_RATE = {"token": (2, 3600)}
    url = reverse("mediation:outside_request", args=[world["<body_token>"]])
    before = MediationRequest.objects.count()
    client = Client()
    assert client.post(url, {**FORM, "date": "2020-01-01"}).status_code == 400  # not counted
    assert [client.post(url, FORM).status_code for _ in range(2)] == [200, 200]
    refused = client.post(url, FORM)
    assert refused.status_code == 429
    with translation.override("de"):  # "Zu viele Anfragen" once the catalogue has it
        assert translation.gettext("Too many requests") in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert MediationRequest.objects.count() == before + 2
    # another body's link still works from the same address
    other = RequestingBody.objects.create(organisation=provider, name="Jugendamt")
    other_url = reverse("mediation:outside_request", args=[services.issue_link(other)])
    assert Client().post(other_url, FORM).status_code == 200


def test_an_address_that_guesses_tokens_is_stopped(world: dict[str, Any], settings: Any) -> None:
    settings.MEDIATION_OUTSIDE_RATE = {"address": (3, 600)}
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    for attempt in range(3):
        guess = reverse("mediation:outside_request", args=[f"geraten{attempt}"])
        assert guesser.get(guess).status_code == 404
    url = reverse("mediation:outside_request", args=[world["<body_token>"]])
    assert guesser.get(url).status_code == 429  # even the right token, now
    assert Client(REMOTE_ADDR="198.51.100.7").get(url).status_code == 200
