"""The activity report's figures against a small data set computed by hand.

Data of the provider (2024 and the year before), plus records of another organisation
and of 2025 that must not count.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from teilhabe.activities import services, services_volunteers
from teilhabe.activities.figures import activity_report, as_json
from teilhabe.activities.models import TaskArea, Volunteer
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db

D = datetime.date


def _counts(total: int, **parts: int) -> dict[str, int]:
    return {"total": total, **parts}


@pytest.fixture
def data(provider: Organisation, city: Organisation) -> None:
    seniors = services.create_group(
        provider, name="Seniorentreff", weekday=0, first_date=D(2023, 1, 2)
    )
    services.record_meeting(
        seniors,
        date=D(2024, 1, 8),
        counts=_counts(20, female=14, male=6, age_65_plus=18, age_27_64=2),
    )
    services.record_meeting(
        seniors, date=D(2024, 1, 15), counts=_counts(25, female=18, male=7, age_65_plus=25)
    )
    services.record_meeting(seniors, date=D(2024, 1, 22), cancelled=True)
    services.record_meeting(
        seniors, date=D(2023, 12, 18), counts=_counts(10, female=10, age_65_plus=10)
    )

    girls = services.create_group(provider, name="Mädchengruppe", attendance_mode="named")
    amina = services.add_participant(
        provider, girls, first_name="Amina", gender="female", birth_year=2012
    )
    lea = services.add_participant(
        provider, girls, first_name="Lea", gender="female", birth_year=2008
    )
    noor = services.add_participant(provider, girls, first_name="Noor", gender="diverse")
    services.record_meeting(girls, date=D(2024, 3, 5), participants=[amina, lea])
    services.record_meeting(girls, date=D(2024, 3, 12), participants=[amina, lea, noor])

    dance = services.create_group(provider, name="Tanzgruppe")  # no date in 2024
    foreign = services.create_group(city, name="Fremde Gruppe")
    services.record_meeting(
        foreign, date=D(2024, 2, 1), counts=_counts(99, gender_unknown=99, age_unknown=99)
    )

    iftar = services.create_event(
        provider, kind="event", title="Iftar", date=D(2024, 4, 4), partners="Somalischer Verein"
    )
    services.record_event_attendance(
        iftar, counts=_counts(120, gender_unknown=120, age_unknown=120)
    )
    trip = services.create_event(
        provider,
        kind="outing",
        title="Urlaub ohne Koffer",
        date=D(2024, 5, 15),
        funding_source="Margarete-Schnellecke-Stiftung",
    )
    services.record_event_attendance(trip, counts=_counts(30, female=24, male=6, age_65_plus=30))
    cancelled = services.create_event(
        provider, kind="event", title="Abgesagt", date=D(2024, 6, 1), cancelled=True
    )
    services.record_event_attendance(cancelled, counts=_counts(5, gender_unknown=5, age_unknown=5))
    services.create_event(
        provider, kind="campaign", title="Weltflüchtlingstag", date=D(2024, 6, 20)
    )
    picnic = services.create_event(provider, kind="event", title="Picknick", date=D(2023, 5, 16))
    services.record_event_attendance(picnic, counts=_counts(40, gender_unknown=40, age_unknown=40))
    services.create_event(city, kind="event", title="Fremd", date=D(2024, 7, 1))

    seniors_lead = TaskArea.objects.create(
        organisation=provider, name="Leitung von Seniorengruppen"
    )
    dance_lead = TaskArea.objects.create(organisation=provider, name="Leitung von Tanzgruppen")
    events_help = TaskArea.objects.create(organisation=provider, name="Veranstaltungen")
    breakfast = TaskArea.objects.create(organisation=provider, name="Frauenfrühstück")

    def volunteer(name: str, organisation: Organisation = provider) -> Volunteer:
        return Volunteer.objects.create(
            organisation=organisation,
            first_name=name,
            last_name="E.",
            consent_given_on=D(2023, 1, 1),
        )

    hours = services_volunteers.record_hours
    v1, v2, v3, v4 = volunteer("V1"), volunteer("V2"), volunteer("V3"), volunteer("V4")
    a = services_volunteers.add_engagement(
        v1, task_area=seniors_lead, group=seniors, leads_group=True, starts_on=D(2023, 6, 1)
    )
    hours(a, period="month", date=D(2024, 1, 20), hours=Decimal(10))
    hours(a, period="day", date=D(2024, 2, 14), hours=Decimal("2.5"))
    hours(a, period="month", date=D(2023, 12, 1), hours=Decimal(8))
    b = services_volunteers.add_engagement(
        v1, task_area=events_help, starts_on=D(2024, 5, 1), ends_on=D(2024, 5, 31)
    )
    hours(b, period="day", date=D(2024, 5, 15), hours=Decimal(6))
    c = services_volunteers.add_engagement(
        v2, task_area=events_help, starts_on=D(2023, 1, 1), ends_on=D(2023, 12, 31)
    )
    hours(c, period="month", date=D(2023, 5, 1), hours=Decimal(4))
    d = services_volunteers.add_engagement(
        v3, task_area=dance_lead, group=dance, leads_group=True, starts_on=D(2024, 9, 1)
    )
    hours(d, period="month", date=D(2024, 9, 1), hours=Decimal("7.25"))
    services_volunteers.anonymise(v3)  # still counts
    services_volunteers.add_engagement(v4, task_area=breakfast, starts_on=D(2025, 1, 1))
    other_area = TaskArea.objects.create(organisation=city, name="Veranstaltungen")
    services_volunteers.add_engagement(
        volunteer("Fremd", city), task_area=other_area, starts_on=D(2024, 1, 1)
    )


def test_group_figures(data: None, provider: Organisation) -> None:
    report = activity_report(provider, 2024)
    seniors, girls = sorted(report.current.groups, key=lambda g: g.name, reverse=True)
    assert [g.name for g in report.current.groups] == ["Mädchengruppe", "Seniorentreff"]
    # Seniorentreff: 8 Jan (20) and 15 Jan (25); 22 Jan cancelled.
    assert (seniors.dates, seniors.cancelled, seniors.participants) == (2, 1, 45)
    assert seniors.persons is None
    assert seniors.breakdown["female"] == 32 and seniors.breakdown["male"] == 13
    assert seniors.breakdown["age_65_plus"] == 43 and seniors.breakdown["age_27_64"] == 2
    # Mädchengruppe: Amina and Lea, then Amina, Lea and Noor: 5 attendances by 3 girls.
    assert (girls.dates, girls.participants, girls.persons) == (2, 5, 3)
    assert (girls.breakdown["female"], girls.breakdown["diverse"]) == (4, 1)
    # Amina (2012) is 12: a child; Lea (2008) is 16; Noor's age is unknown.
    assert (
        girls.breakdown["age_0_13"],
        girls.breakdown["age_14_26"],
        girls.breakdown["age_unknown"],
    ) == (2, 2, 1)
    assert (report.current.group_dates, report.current.group_participants) == (4, 50)
    previous = report.previous
    assert [(g.name, g.dates, g.participants) for g in previous.groups] == [
        ("Seniorentreff", 1, 10)
    ]


def test_event_list(data: None, provider: Organisation) -> None:
    report = activity_report(provider, 2024)
    rows = [(e.date, e.title, e.participants) for e in report.current.events]
    assert rows == [
        (D(2024, 4, 4), "Iftar", 120),
        (D(2024, 5, 15), "Urlaub ohne Koffer", 30),
        (D(2024, 6, 20), "Weltflüchtlingstag", None),  # attendance not recorded
    ]
    assert report.current.events[0].partners == "Somalischer Verein"
    assert report.current.events[1].funding_source == "Margarete-Schnellecke-Stiftung"
    assert report.current.event_participants == 150
    assert [(e.title, e.participants) for e in report.previous.events] == [("Picknick", 40)]


def test_volunteer_figures(data: None, provider: Organisation) -> None:
    report = activity_report(provider, 2024)
    current = report.current.volunteers
    # V1 (two engagements) and V3 (anonymised); V2 ended in 2023, V4 starts in 2025.
    assert (current.volunteers, current.group_leads) == (2, 2)
    assert current.hours == Decimal("25.75")  # 10 + 2.5 + 6 + 7.25
    assert [(a.name, a.volunteers, a.hours) for a in current.by_task_area] == [
        ("Leitung von Seniorengruppen", 1, Decimal("12.5")),
        ("Leitung von Tanzgruppen", 1, Decimal("7.25")),
        ("Veranstaltungen", 1, Decimal(6)),
    ]
    previous = report.previous.volunteers
    assert (previous.volunteers, previous.group_leads, previous.hours) == (2, 1, Decimal(12))
    assert [(a.name, a.volunteers, a.hours) for a in previous.by_task_area] == [
        ("Leitung von Seniorengruppen", 1, Decimal(8)),
        ("Veranstaltungen", 1, Decimal(4)),
    ]


def test_json_is_plain(data: None, provider: Organisation) -> None:
    import json

    payload: dict[str, Any] = as_json(activity_report(provider, 2024))
    text = json.dumps(payload)
    assert payload["current"]["events"][0]["date"] == "2024-04-04"
    assert payload["current"]["volunteers"]["hours"] == "25.75"
    assert "Amina" not in text  # figures only, no participant names
