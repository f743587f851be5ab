"""Indicators fed by the data that exists, for the measure's lead organisation and the
year of the reference date, computed by hand; each value names where it comes from.

The provider's groups: "Sprachcafé" held on 08.01.2024 (3), 15.01.2024 (5), cancelled on
22.01.2024, held on 04.12.2023 (7). Group attendances 2024: 3 + 5 = 8; 2023: 7.
Volunteers: Vera (engagement from 01.01.2024), Otto (01.03.2022 – 31.12.2022): 2024: 1,
2022: 1, 2023: 0. Programmes: none, so 0 families.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.activities import services, services_volunteers
from teilhabe.activities.models import TaskArea, Volunteer
from teilhabe.conftest import signed_in_client
from teilhabe.network.models import Actor
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Organisation
from teilhabe.planning.indicator_values import values_for
from teilhabe.planning.models import (
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    IndicatorSource,
    Measure,
)


@pytest.fixture
def measure(provider: Organisation) -> Measure:
    group = services.create_group(
        provider,
        name="Sprachcafé",
        place="Raum 1",
        weekday=0,
        starts_at=datetime.time(14, 0),
        ends_at=datetime.time(16, 0),
        first_date=datetime.date(2023, 12, 4),
    )
    for day, total in ((datetime.date(2024, 1, 8), 3), (datetime.date(2024, 1, 15), 5)):
        services.record_meeting(
            group, date=day, counts={"total": total, "gender_unknown": total, "age_unknown": total}
        )
    services.record_meeting(group, date=datetime.date(2024, 1, 22), cancelled=True)
    services.record_meeting(
        group,
        date=datetime.date(2023, 12, 4),
        counts={"total": 7, "gender_unknown": 7, "age_unknown": 7},
    )
    area = TaskArea.objects.create(organisation=provider, name="Sprachcafé")
    for first, last, start, end in (
        ("Vera", "A", datetime.date(2024, 1, 1), None),
        ("Otto", "B", datetime.date(2022, 3, 1), datetime.date(2022, 12, 31)),
    ):
        volunteer = Volunteer.objects.create(
            organisation=provider, first_name=first, last_name=last, consent_given_on=start
        )
        services_volunteers.add_engagement(volunteer, task_area=area, starts_on=start, ends_on=end)
    concept = Concept.objects.create(slug="wir2", title="WIR 2.0")
    measure = Measure.objects.create(
        concept=concept, code="M1", title="Sprachcafés", lead=actor_for_organisation(provider)
    )
    for name, source in (
        ("Teilnahmen", IndicatorSource.GROUP_ATTENDANCES),
        ("Familien", IndicatorSource.PROGRAMME_FAMILIES),
        ("Freiwillige", IndicatorSource.VOLUNTEERS),
        ("Zufriedenheit", IndicatorSource.MANUAL),
    ):
        Indicator.objects.create(measure=measure, name=name, source=source, target=10)
    return measure


def values(measure: Measure, year: int) -> dict[str, int | None]:
    found = values_for(measure, measure.indicators.all(), year)
    return {item.indicator.name: item.value for item in found}


def test_values_are_read_for_the_year(measure: Measure) -> None:
    assert values(measure, 2024) == {
        "Teilnahmen": 8,
        "Familien": 0,
        "Freiwillige": 1,
        "Zufriedenheit": None,
    }
    assert values(measure, 2023)["Teilnahmen"] == 7
    assert values(measure, 2023)["Freiwillige"] == 0
    assert values(measure, 2022)["Freiwillige"] == 1


def test_each_value_names_its_source(measure: Measure) -> None:
    found = {
        i.indicator.name: i.source for i in values_for(measure, measure.indicators.all(), 2024)
    }
    assert "2024" in found["Teilnahmen"] and "Diakonie Teststadt" in found["Teilnahmen"]
    assert found["Teilnahmen"] != found["Freiwillige"]


def test_a_lead_outside_teilhabe_has_no_value(measure: Measure) -> None:
    measure.lead = Actor.objects.create(name="Volkshochschule", kind=measure.lead.kind)
    measure.save()
    found = values_for(measure, measure.indicators.all(), 2024)
    assert all(item.value is None for item in found)


def test_the_measure_page_shows_the_value_of_the_reference_year(
    measure: Measure, users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:measure_detail", kwargs={"pk": measure.pk})
    html = client.get(url, {"stichtag": "31.12.2023"}).content.decode()
    assert '<td class="kern-table__cell kern-table__cell--numeric">7</td>' in html


def test_the_synopsis_carries_the_value(measure: Measure) -> None:
    from teilhabe.planning.synopsis import synopsis

    # The synopsis lists a measure under the goals it names: give M1 one.
    field = FieldOfAction.objects.create(concept=measure.concept, code="HF1", title="Bildung")
    measure.goals.add(
        Goal.objects.create(concept=measure.concept, code="Z1", title="Sprache", field=field)
    )
    result = synopsis(measure.concept, datetime.date(2024, 12, 31), datetime.date(2024, 6, 30))
    (entry,) = result.fields[0].goals[0].measures
    assert {i.indicator.name: i.value for i in entry.indicators} == {
        "Teilnahmen": 8,
        "Familien": 0,
        "Freiwillige": 1,
        "Zufriedenheit": None,
    }
