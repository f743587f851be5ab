"""The demo: the Jena-style catalogue, Kita Sonnenblume in coaching with its sign-in
"kita", a certified school whose certificate runs out soon."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from teilhabe.accounts.models import User
from teilhabe.opening import selectors
from teilhabe.opening.demo import load_opening
from teilhabe.opening.models import Catalogue, Certificate, Criterion, Evidence, Process

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 4)


def test_demo_loads_two_institutions_one_certified(users_by_role: dict[str, Any]) -> None:
    load_opening("Demo-Passwort-2026", today=TODAY)
    cat = Catalogue.objects.get()
    assert list(cat.areas.values_list("code", flat=True)) == [
        "leitung",
        "personal",
        "zugang",
        "kooperation",
    ]
    assert Criterion.objects.filter(area__catalogue=cat).count() == 11
    kita = Process.objects.get(actor__name="Kita Sonnenblume")
    user = User.objects.get(username="kita")
    assert user.check_password("Demo-Passwort-2026") and not user.memberships.exists()
    assert user.has_perm("opening.take_part")
    assert [s.done_on is not None for s in kita.stages.all()] == [True, False, False]
    assert Evidence.objects.filter(process=kita).count() == 2
    # the door signs are up (done 60 days after the agreement); the rest is open
    done = kita.measures.filter(done_on__isnull=False)
    assert [(m.title, m.done_on) for m in done] == [
        ("Türschilder und Wegweiser mit Piktogrammen", TODAY - datetime.timedelta(days=30))
    ]
    school = Process.objects.get(actor__name="Grundschule Westhagen")
    assert all(m.done_on is not None for m in school.measures.all())
    # the Kita's latest self-check against its first: leitung 2+2+1 = 5 of 9 -> 56 %,
    # before 1+0+0 = 1 of 9 -> 11 %
    latest = kita.self_checks.order_by("-date")[0]
    result = selectors.self_check_result(latest)
    lead = result.areas[0]
    assert (lead.percent, lead.previous_percent, lead.change) == (56, 11, 45)
    certificate = Certificate.objects.get()
    assert certificate.actor.name == "Grundschule Westhagen"
    assert certificate.catalogue == cat and cat.is_frozen
    assert [e.institution for e in selectors.public_register(TODAY)] == ["Grundschule Westhagen"]
    assert list(selectors.expiring(TODAY, 90)) == [certificate]
