"""The demo city's network: loaded through the services, dated relative to today."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.demo import musterstadt
from teilhabe.demo.network_data import day_of
from teilhabe.network import access
from teilhabe.network.figures import network_figures
from teilhabe.network.models import Actor, Agreement, Attendance, Body, Decision, Meeting
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_demo_dates_are_relative_to_today() -> None:
    today = datetime.date(2026, 11, 22)
    assert day_of("J-1:03-12", today) == datetime.date(2025, 3, 12)
    assert day_of("J:12-31", today) == datetime.date(2026, 12, 31)
    assert day_of("J+3:03-31", today) == datetime.date(2029, 3, 31)
    assert day_of("T+21", today) == datetime.date(2026, 12, 13)
    with pytest.raises(ValueError):
        day_of("2025-03-12", today)


def test_the_demo_city_has_a_network() -> None:
    musterstadt.load(scale=0)
    assert set(Body.objects.values_list("name", flat=True)) == {
        "Runder Tisch Integration",
        "Steuerungsgruppe Integrationskonzept",
        "Integrationsrat",
        "AG Sprache",
        "WIR-Kuratorium",  # grants_data.py: the boards that decide on grants
        "Stadtteilbeirat Westhagen",
    }
    # Every organisation of the demo city is an actor, besides the partners outside.
    assert Actor.objects.filter(organisation__isnull=False).count() == Organisation.objects.count()
    assert Actor.objects.filter(organisation__isnull=True).count() >= 8
    assert Agreement.objects.count() == 6
    assert Decision.objects.filter(status__in=["offen", "in_umsetzung"]).exists()
    assert Decision.objects.filter(status="erledigt").exists()
    today = timezone.localdate()
    assert Meeting.objects.filter(held_on__gt=today).exists()  # the next round table
    assert not Attendance.objects.filter(meeting__held_on__gt=today).exists()

    kim, lead = User.objects.get(username="kim"), User.objects.get(username="teamleitung")
    assert access.visible_bodies(kim).count() == 6
    assert set(access.visible_bodies(lead).values_list("name", flat=True)) == {
        "Runder Tisch Integration",
        "Steuerungsgruppe Integrationskonzept",
        "AG Sprache",
    }
    figures = network_figures(Organisation.objects.get(slug="diakonie"), today.year - 1)
    # Last year: three bodies; the round table met four times, the steering group and the
    # AG twice each, diakonie present at each of them.
    assert figures["gremien"] == 3
    assert figures["sitzungen_teilgenommen"] == 8
    assert figures["kooperationsvereinbarungen"] == 3
