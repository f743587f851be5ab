"""A small city for the city-wide statistics and the closed years: two organisations,
three services, three districts, counts chosen so that some cells are small."""

from __future__ import annotations

import datetime
from typing import Any

from teilhabe.casework.models import Case, Goal, GoalStatusChange, Person, Session
from teilhabe.organisations.models import Area, Organisation, Service
from teilhabe.organisations.services import create_organisation

D = datetime.date
YEAR = 2024

# (organisation, service, district, clients, legal status): every client has one case
# opened in YEAR, a birth year of 1990 (age group 28-44) and country of origin UA.
CLIENTS = [
    ("diakonie", "MBE", "Nord", 10, "gefluechtet"),
    ("diakonie", "MBE", "Süd", 6, "niederlassung"),
    ("diakonie", "MBE", "West", 1, "gefluechtet"),  # small: 1
    ("diakonie", "JMD", "Nord", 4, "gefluechtet"),
    ("diakonie", "JMD", "Süd", 5, "eu"),
    ("stadt", "KIM", "Nord", 3, "gefluechtet"),
    ("stadt", "KIM", "Süd", 3, "niederlassung"),
    ("stadt", "KIM", "West", 2, "asyl_duldung"),  # small: 2
]
SURNAMES = ["Kovalenko", "Haddad", "Nowak", "Yilmaz"]


def build() -> dict[str, Any]:
    organisations = {
        "diakonie": create_organisation("diakonie", "Diakonie Teststadt", ["MBE", "JMD", "IKB"]),
        "stadt": Organisation.objects.filter(slug="stadt").first()
        or create_organisation("stadt", "Stadt Teststadt", ["KIM"], Organisation.Kind.CITY_OFFICE),
    }
    districts = {
        name: Area.objects.get_or_create(code=name[:1], defaults={"name": name})[0]
        for name in ("Nord", "Süd", "West")
    }
    services = {service.code: service for service in Service.objects.all()}
    number = 0
    cases: list[Case] = []
    for slug, code, district, clients, status in CLIENTS:
        for _ in range(clients):
            number += 1
            person = Person.objects.create(
                organisation=organisations[slug],
                first_name=f"Olena{number}",
                last_name=SURNAMES[number % len(SURNAMES)],
                gender="w" if number % 2 else "m",
                birth_year=1990,
                country_of_origin="UA",
                legal_status=status,
                district=districts[district],
            )
            case = Case.objects.create(
                organisation=organisations[slug],
                service=services[code],
                client=person,
                kind="beratung",
                opened_on=D(YEAR, 3, 1),
                access_route="familie",
            )
            Session.objects.create(case=case, date=D(YEAR, 4, 1), duration_minutes=30)
            goal = Goal.objects.create(
                case=case,
                area="sprachlich",
                agreed_on=D(YEAR, 3, 1),
                status="in_bearbeitung",
                status_on=D(YEAR, 3, 1),
            )
            GoalStatusChange.objects.create(
                goal=goal, status="in_bearbeitung", set_on=D(YEAR, 3, 1)
            )
            cases.append(case)
    return {"organisations": organisations, "cases": cases}


def delete_cases(organisation: Organisation) -> None:
    """What the deletion periods do: the cases, their sessions and goals, and the persons
    are gone."""
    cases = Case.objects.filter(organisation=organisation)
    persons = list(cases.values_list("client_id", flat=True))
    GoalStatusChange.objects.filter(goal__case__in=cases).delete()
    Goal.objects.filter(case__in=cases).delete()
    Session.objects.filter(case__in=cases).delete()
    cases.delete()
    Person.objects.filter(pk__in=persons).delete()
