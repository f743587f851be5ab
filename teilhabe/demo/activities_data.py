"""Groups, events and volunteers of the demo city at the Diakonie, after sections
2.1.4 to 2.1.7 and 2.2.2 to 2.2.3 of the seed report: the senior meeting, the parents'
café, the girls' group GirlsUp!, the dance group TanzWelt, the women's cycling course,
"Urlaub ohne Koffer", the Iftar, and the volunteers who lead and help.

Dates lie in the two years before this one and this year up to today (and the weeks
ahead in the calendar), so the demo shows a running year and years to compare with;
the children's and parents' groups pause in the summer holidays. Everything goes
through the services, with the same checks as an entry in the browser.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.activities import services, services_volunteers
from teilhabe.activities.models import Group, Participant, TaskArea, Volunteer
from teilhabe.activities.schedule import planned_dates
from teilhabe.organisations.models import Organisation, Service

D = datetime.date
T = datetime.time
YEARS = 3  # this year and the two before
SUMMER_BREAK = "Sommerpause"
CENTRE = "Integrationszentrum MeiNZ, Westhagener Straße 12"
YOUTH_HOUSE = "Jugendhaus MeiNZ, Freizeitpark Westhagen"

GIRLS = (
    ("Amira", "K.", 2012), ("Leonie", "B.", 2011), ("Hana", "M.", 2013), ("Sofia", "P.", 2012),
    ("Dilara", "Y.", 2011), ("Mariam", "A.", 2013), ("Olha", "S.", 2012), ("Nour", "H.", 2014),
)  # fmt: skip

TASK_AREAS = (
    "Mitarbeit bei Aktionen wie „Urlaub ohne Koffer“",
    "Organisation und Durchführung von Veranstaltungen",
    "Mitarbeit in Integrations- und Freizeitprojekten",
    "Leitung von Tanzgruppen",
    "Leitung der Strickgruppe / Handarbeitskreis",
    "Leitung von Seniorengruppen",
    "Leitung Frauenfrühstück",
)

# name, phone, task area index, led group (or ""), months of hours per year
VOLUNTEERS = (
    ("Ljudmila", "Wagner", "0151 2345601", 5, "Seniorentreff", 10),
    ("Walentina", "Braun", "0151 2345602", 5, "Seniorentreff", 9),
    ("Pjotr", "Hoffmann", "0151 2345603", 0, "", 2),
    ("Svetlana", "Koch", "0151 2345604", 3, "TanzWelt", 10),
    ("Aylin", "Kaya", "0151 2345605", 1, "", 4),
    ("Mehmet", "Arslan", "0151 2345606", 2, "", 6),
    ("Nadia", "Haddad", "0151 2345607", 6, "", 8),
    ("Galina", "Schulz", "0151 2345608", 4, "", 9),
)


def _counts(rng: random.Random, total: int, female_share: float, band: str) -> dict[str, int]:
    female = round(total * female_share)
    unknown_age = rng.randint(0, 1) if total > 3 else 0
    return {
        "total": total,
        "female": female,
        "male": total - female,
        band: total - unknown_age,
        "age_unknown": unknown_age,
    }


def _weekly(
    organisation: Organisation, first: datetime.date, lead: User | None, **fields: object
) -> Group:
    group = services.create_group(
        organisation, staff_leads=[lead] if lead else [], first_date=first, **fields
    )
    return group


def in_summer_holidays(day: datetime.date) -> bool:
    """The weeks of the school summer holidays (about those of Lower Saxony)."""
    return D(day.year, 7, 7) <= day <= D(day.year, 8, 17)


def _record_weeks(
    group: Group,
    rng: random.Random,
    until: datetime.date,
    low: int,
    high: int,
    share: float,
    band: str,
    summer_break: bool = False,
) -> None:
    assert group.first_date is not None
    for day in planned_dates(group, group.first_date, until):
        if summer_break and in_summer_holidays(day):
            services.record_meeting(group, date=day, cancelled=True, topic=SUMMER_BREAK)
            continue
        if rng.random() < 0.06:  # holidays, illness of the group leader
            services.record_meeting(group, date=day, cancelled=True)
            continue
        total = rng.randint(low, high)
        services.record_meeting(group, date=day, counts=_counts(rng, total, share, band))


def load_activities() -> None:
    organisation = Organisation.objects.get(slug="diakonie")
    if Group.objects.filter(organisation=organisation).exists():
        return
    rng = random.Random(2024)  # the same demo on every machine
    today = timezone.localdate()
    first_day = D(today.year - YEARS + 1, 1, 1)
    yesterday = today - datetime.timedelta(days=1)
    coordinator = User.objects.filter(username="programm").first()
    jmd = Service.objects.filter(code="JMD").first()

    seniors = _weekly(
        organisation,
        first_day,
        coordinator,
        name="Seniorentreff",
        description="Klönen bei Kaffee und Kuchen, Singen, Spielen und Gedächtnistraining.",
        audience="Seniorinnen und Senioren",
        place=CENTRE,
        weekday=0,
        starts_at=T(14, 0),
        ends_at=T(16, 30),
    )
    _record_weeks(seniors, rng, yesterday, 14, 30, 0.7, "age_65_plus")
    cafe = _weekly(
        organisation,
        first_day,
        coordinator,
        name="Elterncafé",
        description="Frühstück und Austausch für Eltern aus HIPPY und dem Stadtteil.",
        audience="Eltern",
        place=CENTRE,
        weekday=3,
        starts_at=T(9, 0),
        ends_at=T(11, 0),
    )
    _record_weeks(cafe, rng, yesterday, 6, 15, 0.85, "age_27_64", summer_break=True)
    dance = _weekly(
        organisation,
        first_day,
        None,
        name="TanzWelt",
        description="Tanzprojekt, trainiert von einer ehrenamtlichen Übungsleiterin.",
        audience="Kinder und Jugendliche von 5 bis 14 Jahren",
        place=CENTRE,
        weekday=4,
        starts_at=T(17, 0),
        ends_at=T(18, 30),
    )
    _record_weeks(dance, rng, yesterday, 18, 29, 0.9, "age_0_13", summer_break=True)

    girls = _weekly(
        organisation,
        first_day,
        coordinator,
        name="Mädchentreff GirlsUp!",
        service=jmd,
        audience="Mädchen von 12 bis 14 Jahren",
        place=YOUTH_HOUSE,
        weekday=1,
        starts_at=T(16, 0),
        ends_at=T(18, 0),
        attendance_mode="named",
    )
    members: list[Participant] = [
        services.add_participant(
            organisation, girls, first_name=first, last_name=last, gender="female", birth_year=born
        )
        for first, last, born in GIRLS
    ]
    for day in planned_dates(girls, first_day, yesterday):
        if in_summer_holidays(day):
            services.record_meeting(girls, date=day, cancelled=True, topic=SUMMER_BREAK)
            continue
        present = [member for member in members if rng.random() < 0.7]
        services.record_meeting(girls, date=day, participants=present)

    cycling = services.create_group(
        organisation,
        name="Fahrradkurs für Frauen",
        service=jmd,
        description="Sechstägiger Kurs mit Kinderbetreuung, mit Fabi und dem Mütterzentrum.",
        audience="Frauen",
        place=YOUTH_HOUSE,
        starts_at=T(10, 0),
        ends_at=T(12, 0),
    )
    course_starts = [
        D(year, month, day)
        for year in range(today.year - YEARS + 1, today.year + 1)
        for month, day in ((4, 8), (9, 9))
    ]
    for course_start in course_starts:
        for offset in range(6):
            day = course_start + datetime.timedelta(days=offset)
            if day < today:
                total = rng.randint(8, 11)
                counts = {"total": total, "female": total, "age_14_26": total - 3, "age_27_64": 3}
                services.record_meeting(cycling, date=day, counts=counts)
            else:
                services.record_meeting(cycling, date=day)  # planned, attendance later

    _events(organisation, rng, today, seniors, girls)
    _volunteers(organisation, rng, today, {g.name: g for g in (seniors, dance, cafe, girls)})


def _events(
    organisation: Organisation,
    rng: random.Random,
    today: datetime.date,
    seniors: Group,
    girls: Group,
) -> None:
    for year in range(today.year - YEARS + 1, today.year + 1):
        trip = services.create_event(
            organisation,
            kind="outing",
            title="Urlaub ohne Koffer",
            date=D(year, 5, 15),
            starts_at=T(8, 30),
            ends_at=T(18, 0),
            place="Celle (Schloss und Residenzmuseum)",
            group=seniors,
            partners="Förderverein MeiNZ",
            funding_source="Margarete-Schnellecke-Stiftung, Förderverein MeiNZ",
            description="Busfahrt nach Celle, Schlossführung, Mittagessen, Stadtbummel.",
        )
        iftar = services.create_event(
            organisation,
            kind="event",
            title="Iftar – interkulturelles Fastenbrechen",
            date=D(year, 4, 4) if year < today.year else D(year, 3, 12),
            starts_at=T(19, 0),
            ends_at=T(22, 0),
            place="KulturHaus Westhagen",
            partners="Somalischer Verein in Niedersachsen e. V.\nJMD",
        )
        girls_day = services.create_event(
            organisation,
            kind="workshop",
            title="Aktionstag „Deine Zukunft“",
            date=D(year, 4, 25),
            starts_at=T(9, 0),
            ends_at=T(15, 0),
            place=YOUTH_HOUSE,
            service=girls.service,
        )
        for event, total, female, band in (
            (trip, rng.randint(28, 32), 0.75, "age_65_plus"),
            (iftar, rng.randint(110, 160), 0.55, "age_27_64"),
            (girls_day, 9, 5 / 9, "age_0_13"),
        ):
            if event.date < today:
                services.record_event_attendance(event, counts=_counts(rng, total, female, band))
    services.create_event(
        organisation,
        kind="event",
        title="Weihnachtsbrunch",
        group=girls,
        date=today + datetime.timedelta(days=20),
        starts_at=T(10, 0),
        ends_at=T(13, 0),
        place=YOUTH_HOUSE,
    )


def _volunteers(
    organisation: Organisation,
    rng: random.Random,
    today: datetime.date,
    groups: dict[str, Group],
) -> None:
    areas = [TaskArea.objects.create(organisation=organisation, name=name) for name in TASK_AREAS]
    start = D(today.year - YEARS + 1, 1, 1)
    for first, last, phone, area, group, months in VOLUNTEERS:
        volunteer = Volunteer.objects.create(
            organisation=organisation,
            first_name=first,
            last_name=last,
            phone=phone,
            consent_given_on=start - datetime.timedelta(days=rng.randint(20, 400)),
            consent_note="Ordner Ehrenamt, Register A",
        )
        engagement = services_volunteers.add_engagement(
            volunteer,
            task_area=areas[area],
            group=groups.get(group),
            leads_group=bool(group),
            starts_on=start,
        )
        volunteer.agreements.create(
            signed_on=start, document_note="Ehrenamtsvereinbarung, Ordner Ehrenamt"
        )
        volunteer.trainings.create(date=D(today.year - 1, 3, 16), title="Erste Hilfe am Menschen")
        for year in range(today.year - YEARS + 1, today.year + 1):
            for month in sorted(rng.sample(range(1, 13), months)):
                day = D(year, month, 1)
                if day < today.replace(day=1):
                    services_volunteers.record_hours(
                        engagement,
                        period="month",
                        date=day,
                        hours=Decimal(rng.randint(4, 16)),
                    )
