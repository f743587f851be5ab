"""Dates of a family's participation are plausible (issue 10, item 7): a home visit and
the end of a participation are recorded once they happened, not in the future beyond
TEILHABE_SESSION_DAYS_AHEAD, and a visit not before the start of the participation."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.accounts.models import User
from teilhabe.conftest import signed_in_client
from teilhabe.programmes import services
from teilhabe.programmes.models import Enrolment, Programme

pytestmark = pytest.mark.django_db
START = datetime.date(2024, 9, 1)
AHEAD = _("A home visit is recorded after it took place; the date lies in the future.")


@pytest.fixture
def enrolment(hippy: Programme) -> Enrolment:
    household, parent = services.create_family(
        hippy.organisation_id, services.NewFamily(first_name="Samira", last_name="Khalil")
    )
    return services.enrol(
        programme=hippy, household=household, contact_person=parent, start_date=START
    )


def _visit(coordinator: User, enrolment: Enrolment, day: datetime.date) -> Any:
    url = reverse("programmes:visit_create", kwargs={"pk": enrolment.pk})
    data = {"date": day.isoformat(), "duration_minutes": "45"}
    return signed_in_client(coordinator).post(url, data)


def test_a_home_visit_lies_between_the_start_and_today(
    coordinator: User, enrolment: Enrolment, settings: Any
) -> None:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    ahead = _visit(coordinator, enrolment, tomorrow)
    assert ahead.status_code == 400
    assert ahead.context["visit_form"].errors == {"date": [AHEAD]}
    before = _visit(coordinator, enrolment, START - datetime.timedelta(days=1))
    assert before.status_code == 400 and list(before.context["visit_form"].errors) == ["date"]
    assert not enrolment.visits.exists()
    assert _visit(coordinator, enrolment, START).status_code == 302
    assert _visit(coordinator, enrolment, timezone.localdate()).status_code == 302
    settings.SESSION_DAYS_AHEAD = 1  # an installation allows a day ahead
    assert _visit(coordinator, enrolment, tomorrow).status_code == 302
    assert enrolment.visits.count() == 3


def test_a_participation_ends_once_it_has_ended(coordinator: User, enrolment: Enrolment) -> None:
    url = reverse("programmes:enrolment_end", kwargs={"pk": enrolment.pk})
    client = signed_in_client(coordinator)
    data = {"end_kind": "regulaer", "version": enrolment.version}
    next_year = timezone.localdate().replace(month=1, day=1) + datetime.timedelta(days=366)
    ahead = client.post(url, {**data, "end_date": next_year.isoformat()})
    assert ahead.status_code == 400 and list(ahead.context["form"].errors) == ["end_date"]
    enrolment.refresh_from_db()
    assert enrolment.end_date is None
    assert client.post(url, {**data, "end_date": "2025-06-30"}).status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.end_date == datetime.date(2025, 6, 30)
