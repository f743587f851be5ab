"""Mediation in the demo city, modelled on Hagen's team (shared/seeds/003): eight
mediators with Romanian, Bulgarian, Romani varieties, Serbian, Turkish, Arabic,
Ukrainian and Russian; six offices and a school as requesting bodies; a year of
requests up to today (most fulfilled, some unfulfilled, some cancelled); outreach
contacts and neighbourhood conflicts in three districts; clearings of the QM at the
Caritas to the city's KIM case management, accompanied by the pool's mediators, most
accepted, some returned with a recommendation, two still waiting (`demo_clearings.py`).

The pool is kept at the provider whose team lead is the demo's coordinator
("teamleitung"); the first mediator signs in as "sprachmittlung" (the mediator role:
her assignments, nothing of casework) and the counsellor "berater" is also one of the
mediators (a counsellor who mediates too), so the demo shows the mediator's own list.
Everything goes through `mediation/services.py`. Random
numbers come from a fixed seed: the demo is the same on every machine.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.funding.models import FundingProgramme
from teilhabe.mediation import services
from teilhabe.mediation.demo_clearings import load_clearings
from teilhabe.mediation.models import MediationRequest, Mediator, RequestingBody
from teilhabe.mediation.models_neighbourhood import ConflictEntry, OutreachContact
from teilhabe.organisations.models import Area, Organisation

POOL = "diakonie"
QM = "caritas"
MEDIATORS = [
    ("Ioana", "Marin", "angestellt", ["ron"], "w"),
    ("Dimitar", "Petrov", "angestellt", ["bul", "tur"], "m"),
    ("Elvira", "Demirova", "honorar", ["rmn", "bul"], "w"),
    ("Ljubo", "Nikolić", "honorar", ["rmy", "srp"], "m"),
    ("Ayşe", "Kaya", "angestellt", ["tur"], "w"),
    ("Samir", "Haddad", "honorar", ["apc", "ara"], "m"),
    ("Olha", "Bondar", "ehrenamt", ["ukr", "rus"], "w"),
    ("Nadia", "Sokolova", "ehrenamt", ["rus"], "w"),
]
BODIES = [
    "Jugendamt",
    "Gesundheitsamt",
    "Ordnungsamt",
    "Schulverwaltung",
    "Schuldnerberatung",
    "Jobcenter",
    "Gesamtschule Musterstadt",
]
# How often each language is requested (Hagen: most requests for Romanian and Bulgarian)
DEMAND = [
    ("ron", 30), ("bul", 25), ("rmn", 10), ("rmy", 5), ("srp", 5), ("tur", 8),
    ("ara", 8), ("ukr", 6), ("rus", 3), ("prs", 2),
]  # fmt: skip
SUBJECTS = ["schule", "gesundheit", "jugendamt", "behoerden", "case_management"]


def load_mediation(requests: int = 300, seed: int = 14) -> None:
    pool = Organisation.objects.get(slug=POOL)
    if Mediator.objects.filter(organisation=pool).exists():
        return
    chance = random.Random(seed)  # noqa: S311 - demo data, the same on every machine
    # The districts: the areas right below the city (whatever their level field says)
    top = Area.objects.filter(parent__isnull=False, parent__parent__isnull=True)
    districts = list(top.order_by("code")[:3])
    mediators = _mediators(pool, districts)
    bodies = [
        RequestingBody.objects.create(
            organisation=pool,
            name=name,
            district=districts[index % len(districts)] if districts else None,
        )
        for index, name in enumerate(BODIES)
    ]
    programme = FundingProgramme.objects.order_by("code").first()
    today = timezone.localdate()
    languages = [code for code, weight in DEMAND for _ in range(weight)]
    for number in range(requests):
        day = today - datetime.timedelta(days=chance.randint(-14, 365))
        request = MediationRequest.objects.create(
            organisation=pool,
            body=chance.choice(bodies),
            requesting_person="Sachbearbeitung",
            language=chance.choice(languages),
            subject=chance.choice(SUBJECTS),
            date=day,
            starts_at=datetime.time(chance.randint(8, 15), chance.choice([0, 30])),
            duration_minutes=chance.choice([45, 60, 90]),
            modality=chance.choice(["vor_ort"] * 6 + ["telefon", "video"]),
            place="Rathausplatz 1",
            district=chance.choice(districts) if districts else None,
            family_reference=f"F-{chance.randint(1, 60)}" if number % 3 == 0 else "",
        )
        _play(request, mediators, chance, today, programme)
    _neighbourhood(districts, chance, today)
    load_clearings(mediators, chance, today)


def _mediators(pool: Organisation, districts: list[Area]) -> list[Mediator]:
    result = []
    accounts = {0: "sprachmittlung", 1: "berater"}
    users = {u.username: u for u in User.objects.filter(username__in=accounts.values())}
    for index, (first, last, kind, languages, gender) in enumerate(MEDIATORS):
        result.append(
            Mediator.objects.create(
                organisation=pool,
                first_name=first,
                last_name=last,
                kind=kind,
                languages=languages,
                subjects=SUBJECTS[index % 5 : index % 5 + 3],
                modalities=["vor_ort", "telefon"] + (["video"] if index % 2 else []),
                weekly_hours=Decimal(39 if kind == "angestellt" else 10),
                gender=gender,
                district=districts[index % len(districts)] if districts else None,
                user=users.get(accounts.get(index, "")),
            )
        )
    return result


def _play(
    request: MediationRequest,
    mediators: list[Mediator],
    chance: random.Random,
    today: datetime.date,
    programme: FundingProgramme | None,
) -> None:
    """Moves a request along as a coordinator would: the top-ranked free mediator."""
    from teilhabe.mediation.selectors import ranking

    roll = chance.random()
    if roll < 0.05:
        services.cancel(request, side="anfragend", reason="Termin entfällt")
        return
    free = [item for item in ranking(request) if item.free]
    if not free:
        if request.date < today:
            services.close_unfulfilled(request, reason="Keine Sprachmittlung verfügbar")
        return
    chosen = next(m for m in mediators if m.pk == free[0].candidate.mediator_id)
    services.assign(request, chosen, user=None)
    if request.date > today:
        return
    services.complete(
        request,
        minutes_spent=request.duration_minutes + chance.choice([-15, 0, 15]),
        travel_minutes=chance.choice([0, 15, 30]) if request.modality == "vor_ort" else 0,
        travel_km=Decimal(chance.randint(0, 12)) if request.modality == "vor_ort" else Decimal(0),
        modality=request.modality,
        programme=programme,
        no_show=roll > 0.95,
    )


def _neighbourhood(districts: list[Area], chance: random.Random, today: datetime.date) -> None:
    qm = Organisation.objects.filter(slug=QM).first()
    if qm is None or not districts:
        return
    kinds = ["laerm", "muell", "oeffentlicher_raum", "nachbarschaft"]
    for _number in range(40):
        district = chance.choice(districts)
        ConflictEntry.objects.create(
            organisation=qm,
            occurred_on=today - datetime.timedelta(days=chance.randint(0, 330)),
            district=district,
            area=f"Platz in {district.name}",
            kind=chance.choice(kinds),
            preventive=chance.random() < 0.2,
            parties="Anwohnende und eine Gruppe Jugendlicher",
            partners=chance.sample(["ordnungsamt", "bezirksdienst", "wohnungsgesellschaft"], 1),
            steps="Gespräch vor Ort, Vereinbarung zu Ruhezeiten",
            outcome=chance.choice(["geloest", "laufend", "weitergegeben"]),
        )
    for _number in range(120):
        OutreachContact.objects.create(
            organisation=qm,
            date=today - datetime.timedelta(days=chance.randint(0, 365)),
            place="Spielplatz",
            district=chance.choice(districts),
            language=chance.choice(["ron", "bul", "rmn", "ara"]),
            topic=chance.choice(["orientierung", "schule", "gesundheit", "wohnen"]),
            persons=chance.randint(1, 6),
        )
