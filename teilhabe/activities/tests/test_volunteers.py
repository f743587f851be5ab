"""Volunteer coordination: volunteers with consent, task areas, engagements, hours,
agreements, training, anonymisation; and the volunteer coordinator sees no case data."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.accounts.tests.test_role_matrix import MATRIX, case_world
from teilhabe.activities import services_volunteers
from teilhabe.activities.models import Engagement, HoursEntry, TaskArea, Volunteer
from teilhabe.conftest import signed_in_client
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Any:
    return users_by_role[Role.VOLUNTEER_COORDINATOR.value]


@pytest.fixture
def volunteer(provider: Organisation) -> Volunteer:
    return Volunteer.objects.create(
        organisation=provider,
        first_name="Olga",
        last_name="Schmidt",
        phone="0151 000000",
        consent_given_on=datetime.date(2024, 1, 10),
    )


@pytest.fixture
def area(provider: Organisation) -> TaskArea:
    return TaskArea.objects.create(organisation=provider, name="Leitung von Tanzgruppen")


def test_coordinator_records_a_volunteer_with_consent(
    coordinator: Any, provider: Organisation
) -> None:
    client = signed_in_client(coordinator)
    url = reverse("activities:volunteer_create")
    data = {"first_name": "Olga", "last_name": "Schmidt", "email": "olga@example.org"}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "consent_given_on" in refused.context["form"].errors
    assert client.post(url, {**data, "consent_given_on": "2099-01-01"}).status_code == 200
    assert not Volunteer.objects.exists()
    response = client.post(url, {**data, "consent_given_on": "2024-01-10"})
    volunteer = Volunteer.objects.get()
    assert response.url == reverse("activities:volunteer_detail", kwargs={"pk": volunteer.pk})
    assert volunteer.organisation == provider


def test_engagement_hours_agreement_training(
    coordinator: Any, volunteer: Volunteer, area: TaskArea
) -> None:
    client = signed_in_client(coordinator)
    detail = reverse("activities:volunteer_detail", kwargs={"pk": volunteer.pk})
    engagement_url = reverse("activities:engagement_create", kwargs={"pk": volunteer.pk})
    lead_without_group = {"task_area": area.pk, "leads_group": "on", "starts_on": "2024-02-01"}
    assert client.post(engagement_url, lead_without_group).status_code == 400
    client.post(
        engagement_url, {"task_area": area.pk, "starts_on": "2024-02-01", "ends_on": "2024-12-31"}
    )
    engagement = Engagement.objects.get()
    hours_url = reverse("activities:hours_create", kwargs={"pk": volunteer.pk})
    month = {"engagement": engagement.pk, "period": "month", "date": "2024-03-17", "hours": "12,5"}
    assert client.post(hours_url, month).status_code == 302
    entry = HoursEntry.objects.get()
    assert (entry.date, entry.hours) == (datetime.date(2024, 3, 1), Decimal("12.5"))
    day = {**month, "period": "day", "date": "2024-03-20", "hours": "25"}
    assert client.post(hours_url, day).status_code == 400
    before = {**month, "date": "2024-01-05"}
    assert client.post(hours_url, before).status_code == 400
    assert client.post(hours_url, {**month, "hours": "0"}).status_code == 400
    assert HoursEntry.objects.count() == 1
    client.post(reverse("activities:agreement_create", kwargs={"pk": volunteer.pk}),
                {"signed_on": "2024-02-01", "document_note": "Ordner Ehrenamt"})  # fmt: skip
    client.post(reverse("activities:training_create", kwargs={"pk": volunteer.pk}),
                {"date": "2024-04-12", "title": "Erste Hilfe"})  # fmt: skip
    page = client.get(detail).content.decode()
    assert "Erste Hilfe" in page and "Ordner Ehrenamt" in page and "12,5" in page


def test_hours_service_refuses_impossible_hours(volunteer: Volunteer, area: TaskArea) -> None:
    engagement = services_volunteers.add_engagement(
        volunteer, task_area=area, starts_on=datetime.date(2024, 1, 1)
    )
    with pytest.raises(ValidationError):
        services_volunteers.record_hours(
            engagement, period="month", date=datetime.date(2024, 2, 1), hours=Decimal(800)
        )
    with pytest.raises(ValidationError):
        services_volunteers.record_hours(
            engagement, period="day", date=datetime.date(2024, 2, 1), hours=Decimal(-2)
        )
    assert not HoursEntry.objects.exists()


def test_task_area_catalogue_per_organisation(
    coordinator: Any, provider: Organisation, city: Organisation
) -> None:
    TaskArea.objects.create(organisation=city, name="Frauenfrühstück")
    client = signed_in_client(coordinator)
    url = reverse("activities:task_areas")
    assert client.post(url, {"name": "Frauenfrühstück"}).status_code == 302
    assert client.post(url, {"name": "frauenfrühstück"}).status_code == 200  # exists already
    assert TaskArea.objects.filter(organisation=provider).count() == 1


def test_anonymising_keeps_the_figures(
    coordinator: Any, volunteer: Volunteer, area: TaskArea
) -> None:
    engagement = services_volunteers.add_engagement(
        volunteer, task_area=area, starts_on=datetime.date(2024, 1, 1), note="Olga kommt montags"
    )
    services_volunteers.record_hours(
        engagement, period="day", date=datetime.date(2024, 5, 2), hours=Decimal(3)
    )
    client = signed_in_client(coordinator)
    client.post(reverse("activities:volunteer_anonymise", kwargs={"pk": volunteer.pk}))
    volunteer.refresh_from_db()
    assert volunteer.anonymised_at is not None
    assert "Olga" not in str(volunteer) and volunteer.phone == ""
    assert Engagement.objects.get().note == ""
    assert HoursEntry.objects.get().hours == Decimal(3)
    detail = reverse("activities:volunteer_detail", kwargs={"pk": volunteer.pk})
    assert client.get(detail).status_code == 404
    assert "Schmidt" not in client.get(reverse("activities:volunteer_list")).content.decode()


def test_other_organisations_volunteers_are_not_found(coordinator: Any, city: Organisation) -> None:
    stranger = Volunteer.objects.create(
        organisation=city, first_name="Fremd", last_name="Person",
        consent_given_on=datetime.date(2024, 1, 1),
    )  # fmt: skip
    client = signed_in_client(coordinator)
    assert (
        client.get(reverse("activities:volunteer_detail", kwargs={"pk": stranger.pk})).status_code
        == 404
    )
    assert "Fremd" not in client.get(reverse("activities:volunteer_list")).content.decode()


def test_volunteer_coordinator_sees_no_case_data(users_by_role: dict[str, Any]) -> None:
    """Every casework URL is refused, and no page the coordinator can open shows a
    client's name."""
    counsellor = users_by_role[Role.COUNSELLOR.value]
    world = case_world(counsellor)
    client = signed_in_client(users_by_role[Role.VOLUNTEER_COORDINATOR.value])
    opened = 0
    for name, (kwargs, _allowed) in MATRIX.items():
        concrete = {key: world.get(value, value) for key, value in kwargs.items()}
        if "<user>" in kwargs.values() or "<membership>" in kwargs.values():
            continue
        response = client.get(reverse(name, kwargs=concrete))
        if name.startswith("casework:"):
            assert response.status_code == 403, name
            continue
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            opened += 1
            page = response.content.decode()
            assert "Kovalenko" not in page and "Olena" not in page, name
    assert opened >= 8  # the dashboard, calendar and volunteer pages were really read
