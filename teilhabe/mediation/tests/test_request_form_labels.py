"""The place of a request is empty for phone and video, required in person: its label
says so instead of "optional", and the form refuses an appointment in person without it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.mediation.tests.world import mediation_world
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def label_of(page: str, field: str) -> str:
    found = re.search(rf'<label class="kern-label" for="id_{field}">(.*?)</label>', page, re.S)
    assert found is not None, field
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


def test_the_place_label_says_when_it_is_required(
    provider: Organisation, users_by_role: dict[str, Any]
) -> None:
    world = mediation_world(provider, users_by_role["counsellor"])
    url = reverse("mediation:outside_request", args=[world["<body_token>"]])
    page = Client().get(url).content.decode()
    assert label_of(page, "place") == "Ort – erforderlich bei Terminen vor Ort"
    assert label_of(page, "note") == "Notiz – optional"
    response = Client().post(url, {"modality": "vor_ort", "place": ""})
    assert "Bitte geben Sie den Ort eines Termins vor Ort an." in response.content.decode()
