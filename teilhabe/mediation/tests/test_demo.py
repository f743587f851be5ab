"""The demo pool: Hagen's eight mediators and languages, seven bodies, a year of
requests moved along by the ranking; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.casework.models import Case
from teilhabe.conftest import make_user
from teilhabe.mediation import clearing, figures
from teilhabe.mediation.demo import load_mediation
from teilhabe.mediation.models import MediationRequest, Mediator, RequestingBody
from teilhabe.mediation.models_clearing import Clearing
from teilhabe.mediation.models_neighbourhood import ConflictEntry
from teilhabe.organisations.models import Area, Organisation
from teilhabe.organisations.services import create_organisation

pytestmark = pytest.mark.django_db


def test_demo_pool(provider: Organisation, city: Organisation) -> None:
    caritas = create_organisation("caritas", "Caritas Teststadt", ["QM"])
    make_user("quartier", caritas, Role.COUNSELLOR.value)
    make_user("casemanagement", city, Role.COUNSELLOR.value)
    town = Area.objects.create(code="MS", name="Musterstadt")
    for code, name in (("MS-01", "Altstadt"), ("MS-02", "Nordstadt"), ("MS-03", "Westhagen")):
        Area.objects.create(code=code, name=name, parent=town)
    load_mediation(requests=60)
    load_mediation(requests=60)
    assert Mediator.objects.count() == 8
    assert RequestingBody.objects.count() == 7
    assert MediationRequest.objects.count() == 60
    languages = {code for mediator in Mediator.objects.all() for code in mediator.languages}
    assert {"ron", "bul", "rmn", "rmy", "srp", "tur", "ara", "ukr", "rus"} <= languages
    today = timezone.localdate()
    facts = figures.facts([provider.pk], today.year, today) + figures.facts(
        [provider.pk], today.year - 1, today
    )
    result = figures.tally(facts)
    assert result.outcomes[figures.FULFILLED] > 0
    # Dari: nobody in the pool speaks it, so its past requests are unmet demand.
    assert ConflictEntry.objects.values("district").distinct().count() == 3
    # Clearings QM -> KIM: seven accepted (each a case-management case at the city),
    # three returned with a recommendation, two waiting.
    result = clearing.tally(Clearing.objects.values_list("status", "recorded_at", "decided_at"))
    assert (result.clearings, result.accepted, result.returned, result.open) == (12, 7, 3, 2)
    assert Case.objects.filter(organisation=city, kind="case_management").count() == 7
    assert result.median_days is not None and 2 <= result.median_days <= 22
    assert all(item.criteria.count() >= 2 for item in Clearing.objects.all())
