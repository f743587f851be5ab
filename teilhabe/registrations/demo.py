"""Public events of the demo city with registrations (`load_registrations`, called by
demo/musterstadt.py after the organisations): the Diakonie's information evening,
full with a waiting list; the Caritas district's public event modelled on seed 004
(welcome, talks, discussion, outlook); and a past breakfast whose check-in is done, so
its attendance is in the activity report. Names and addresses are invented."""

from __future__ import annotations

import datetime

from django.utils import timezone

from teilhabe.activities import services as activity_services
from teilhabe.organisations.models import Organisation
from teilhabe.registrations import services
from teilhabe.registrations.models import Listing

D = datetime.timedelta
T = datetime.time

PEOPLE = [
    ("Oksana Melnyk", 2, "ukr", True),
    ("Ahmad Rahimi", 1, "prs", False),
    ("Fatma Yıldız", 3, "", True),
    ("Samir Haddad", 2, "ara", False),
    ("Maria Kowalska", 1, "", False),
    ("Tesfaye Bekele", 1, "", False),
    ("Nadia Sultani", 2, "prs", True),
    ("Iryna Bondarenko", 1, "ukr", False),
    ("Jonas Becker", 1, "", False),
    ("Amina Abdi", 2, "", True),
    ("Olga Schäfer", 1, "", False),
    ("Yusuf Demir", 3, "", False),
    ("Leyla Hosseini", 1, "", False),
]


def _listing(
    organisation: Organisation,
    title: str,
    day: datetime.date,
    times: tuple[datetime.time, datetime.time],
    place: str,
    programme: list[tuple[datetime.time, datetime.time | None, str, str]],
    **fields: object,
) -> Listing:
    event = activity_services.create_event(
        organisation,
        kind="event",
        title=title,
        date=day,
        starts_at=times[0],
        ends_at=times[1],
        place=place,
        description=str(fields.pop("description", "")),
    )
    listing = services.create_listing(event, **fields)
    for starts, ends, item, speakers in programme:
        listing.programme.create(starts_at=starts, ends_at=ends, title=item, speakers=speakers)
    return listing


def _register(
    listing: Listing, people: list[tuple[str, int, str, bool]], day: datetime.date
) -> None:
    for name, persons, language, childcare in people:
        services.register(
            listing.pk,
            day=day,
            name=name,
            email=name.split()[0].lower().replace("ı", "i") + "@example.org",
            persons=persons,
            interpretation_language=language if language in listing.interpretation else "",
            childcare=childcare and listing.childcare,
        )


def load_registrations() -> None:
    today = timezone.localdate()
    diakonie = Organisation.objects.get(slug="diakonie")
    caritas = Organisation.objects.get(slug="caritas")

    evening = _listing(
        diakonie,
        "Infoabend: Anerkennung ausländischer Berufsabschlüsse",
        today + D(days=12),
        (T(18, 0), T(20, 0)),
        "Integrationszentrum, Saal 1",
        [
            (T(18, 0), T(18, 10), "Begrüßung", "Migrationsberatung der Diakonie"),
            (T(18, 10), T(18, 50), "Wege zur Anerkennung", "IQ-Beratungsstelle Musterstadt"),
            (T(18, 50), T(20, 0), "Fragen und Einzelgespräche", ""),
        ],
        capacity=17,
        address="Am Markt 4, 38444 Musterstadt",
        accessibility="Stufenloser Eingang, Aufzug, barrierefreies WC im Erdgeschoss.",
        languages=["deu"],
        interpretation=["ara", "ukr", "prs"],
        childcare=True,
        contact_email="migrationsberatung@diakonie-musterstadt.example",
        description="Wie werden Berufs- und Studienabschlüsse aus dem Ausland anerkannt?",
    )
    _register(evening, PEOPLE, today)  # 21 persons for 17 places: full, 2 waiting

    conference = _listing(
        caritas,
        "Von Arbeit bis Zusammenleben – Stadtteilkonferenz Westhagen",
        today + D(days=25),
        (T(17, 0), T(19, 30)),
        "Gemeinschaftshaus Westhagen",
        [
            (T(17, 0), T(17, 15), "Begrüßung", "Quartiersmanagement Westhagen"),
            (
                T(17, 15),
                T(17, 45),
                "Arbeit des Kommunalen Integrationszentrums",
                "Kommunales Integrationsmanagement, Stadt Musterstadt",
            ),
            (T(17, 45), T(18, 30), "Impulsvortrag „Wie Integration gelingen kann“", "N. N."),
            (T(18, 30), T(19, 15), "Fragen und Diskussion", "Moderation: Quartiersmanagement"),
            (T(19, 15), T(19, 30), "Ausblick", "Quartiersmanagement Westhagen"),
        ],
        capacity=80,
        address="Westhagener Platz 1, 38444 Musterstadt",
        accessibility="Ebenerdig; Induktionsschleife im Saal.",
        languages=["deu"],
        interpretation=["tur", "ara"],
        contact_email="quartier@caritas-musterstadt.example",
    )
    _register(conference, PEOPLE[:5], today)

    breakfast = _listing(
        diakonie,
        "Interkulturelles Frühstück",
        today - D(days=10),
        (T(9, 30), T(12, 0)),
        "Begegnungscafé der Diakonie",
        [],
        capacity=15,
        accessibility="Stufenloser Eingang.",
        languages=["deu", "ara", "tur"],
    )
    _register(breakfast, PEOPLE[4:11], today - D(days=20))
    came = list(breakfast.registrations.values_list("pk", flat=True)[:5])
    services.check_in(breakfast, set(came), walk_ins=3)
