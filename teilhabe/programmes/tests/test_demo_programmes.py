"""The demo's programmes load through the services and show a working programme."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user
from teilhabe.demo.programmes_data import FAMILIES, load_programmes
from teilhabe.organisations.services import create_organisation
from teilhabe.programmes.figures import programme_figures
from teilhabe.programmes.models import EarlyEndReason, EndKind, Enrolment, Programme

pytestmark = pytest.mark.django_db


def test_demo_programmes() -> None:
    diakonie = create_organisation("diakonie", "Diakonie", ["MBE"])
    make_user("programm", diakonie, Role.PROGRAMME_COORDINATOR)
    load_programmes()
    hippy = Programme.objects.get(organisation=diakonie, service__code="HIPPY")
    edu = Programme.objects.get(organisation=diakonie, service__code="EDU")
    # one enrolment per family, and one more for the family that changed to HIPPY
    assert Enrolment.objects.count() == len(FAMILIES) + 1
    changed = Enrolment.objects.get(programme=hippy, previous_enrolment__isnull=False)
    assert changed.previous_enrolment is not None
    assert changed.previous_enrolment.programme == edu
    assert changed.previous_enrolment.end_kind == EndKind.REGULAR
    reasons = set(Enrolment.objects.exclude(end_reason="").values_list("end_reason", flat=True))
    assert reasons == {
        EarlyEndReason.NEW_BABY,
        EarlyEndReason.MOVED_AWAY,
        EarlyEndReason.NO_INTEREST,
    }
    today = timezone.localdate()
    latest = hippy.enrolments.get(contact_person__last_name="Bondarenko").visits.first()
    assert latest is not None
    assert today - datetime.timedelta(days=10) < latest.date < today  # visits up to now
    figures = programme_figures([hippy, edu], today.year)
    assert figures["familien"] > 0 and figures["hausbesuche"] > 0
