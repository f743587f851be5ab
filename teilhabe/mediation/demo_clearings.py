"""Clearings in the demo city: the QM counsellor "quartier" (Caritas) hands clients
over to the city's KIM case management ("casemanagement") with their consent, records
the clearing with its life areas and the accompanying mediator; the case manager
accepts most, returns some with a recommendation and has two still to decide. All of
it through casework's hand-over and `mediation/clearing.py`; the dates are spread over
the last months afterwards, so the figures have a time to decision."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from teilhabe.accounts.models import User
from teilhabe.casework import handover
from teilhabe.casework import services as casework
from teilhabe.casework.models import Person
from teilhabe.mediation import clearing
from teilhabe.mediation.criteria import install_default_criteria
from teilhabe.mediation.models import Mediator
from teilhabe.mediation.models_clearing import Clearing, ClearingCriterion
from teilhabe.organisations.models import Organisation, Service

QM, CITY = "caritas", "stadt"
PERSONS = [
    ("Florin", "Stoica", "ron"),
    ("Elena", "Dumitru", "ron"),
    ("Ivan", "Georgiev", "bul"),
    ("Rumyana", "Ivanova", "bul"),
    ("Sabina", "Mustafova", "bul"),
    ("Ramadan", "Berisha", "srp"),
    ("Mădălina", "Lupu", "ron"),
    ("Kemal", "Aslan", "tur"),
    ("Nikola", "Jovanović", "srp"),
    ("Adriana", "Căldăraru", "ron"),
    ("Yusuf", "Al-Masri", "ara"),
    ("Oksana", "Melnyk", "ukr"),
]
ASSESSMENT = "Mehrere Problemlagen, die nur zusammen gelöst werden können."
RECOMMENDATION = "Weiter in der Migrationsberatung; Schuldnerberatung einbeziehen."


def load_clearings(mediators: list[Mediator], chance: random.Random, today: datetime.date) -> None:
    qm = Organisation.objects.filter(slug=QM).first()
    city = Organisation.objects.filter(slug=CITY).first()
    counsellor = User.objects.filter(username="quartier").first()
    manager = User.objects.filter(username="casemanagement").first()
    if qm is None or city is None or counsellor is None or manager is None:
        return
    install_default_criteria()
    areas = list(ClearingCriterion.objects.filter(is_active=True))
    service_qm, service_kim = Service.objects.get(code="QM"), Service.objects.get(code="KIM")
    for index, (first, last, language) in enumerate(PERSONS):
        recorded = timezone.now() - datetime.timedelta(days=20 + 25 * index)
        person = Person.objects.create(organisation=qm, first_name=first, last_name=last)
        case = casework.open_case(
            client=person,
            service_id=service_qm.pk,
            kind="beratung",
            opened_on=(recorded - datetime.timedelta(days=30)).date(),
            access_route="familie",
            responsible=counsellor,
        )
        consent = handover.record_consent(
            person,
            user=counsellor,
            recipient=city,
            recipient_service=service_kim,
            purpose="Clearing für das Case Management",
            given_on=recorded.date(),
            explained_language=language,
            refusal_explained=True,
            withdrawal_explained=True,
        )
        referral = handover.propose(
            case, consent=consent, kind="clearing", note="", user=counsellor
        )
        speakers: list[Mediator | None] = [m for m in mediators if language in m.languages]
        item = clearing.record(
            referral,
            criteria=chance.sample(areas, chance.randint(2, 4)),
            assessment=ASSESSMENT,
            mediator=chance.choice(speakers or [None]),
            user=counsellor,
        )
        decided = recorded + datetime.timedelta(days=chance.randint(2, 21), hours=3)
        if index < 2:
            Clearing.objects.filter(pk=item.pk).update(recorded_at=timezone.now())
            continue  # the two newest still wait for the case manager
        if index % 4 == 3:
            clearing.give_back(item, recommendation=RECOMMENDATION, user=manager)
        else:
            clearing.accept(item, user=manager)
        Clearing.objects.filter(pk=item.pk).update(recorded_at=recorded, decided_at=decided)
