"""Successor editions (editions.py), computed by hand.

The concept "wir2" on the carry-over day D = 30.06.2025:

| measure | entries | status on D | carried |
|---|---|---|---|
| M1 | 01.01.2024 laufend 40; 01.03.2025 stand 60 | laufend, 60 | yes |
| M2 | 01.05.2024 abgeschlossen 100 | abgeschlossen | no |
| M3 | 01.05.2024 abgebrochen | abgebrochen | no |
| M4 | none | geplant, 0 | yes |
| M5 | 01.01.2025 abgeschlossen; 15.07.2025 laufend (after D) | abgeschlossen | no |
| M6 | 01.02.2024 zurueckgestellt 10 | zurueckgestellt, 10 | yes |
| M7 | 01.01.2025 laufend 30; 01.07.2025 abgebrochen (after D) | laufend, 30 | yes |

The goal tree: Z1 (HF1), Z1.1 under Z1 without a field of its own, Z1.N under Z1 in the
district D1 (a district action plan), Z2 (HF2).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.funding.models import FundingProgramme
from teilhabe.network.models import Actor
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Area, Organisation
from teilhabe.planning.editions import start_successor
from teilhabe.planning.figures import plan_report
from teilhabe.planning.models import (
    Concept,
    FieldOfAction,
    Goal,
    Indicator,
    IndicatorSource,
    Measure,
    ProgressEntry,
)

D = datetime.date(2025, 6, 30)
ENTRIES: dict[str, list[tuple[datetime.date, str, int | None]]] = {
    "M1": [(datetime.date(2024, 1, 1), "laufend", 40), (datetime.date(2025, 3, 1), "", 60)],
    "M2": [(datetime.date(2024, 5, 1), "abgeschlossen", 100)],
    "M3": [(datetime.date(2024, 5, 1), "abgebrochen", None)],
    "M4": [],
    "M5": [
        (datetime.date(2025, 1, 1), "abgeschlossen", None),
        (datetime.date(2025, 7, 15), "laufend", None),
    ],
    "M6": [(datetime.date(2024, 2, 1), "zurueckgestellt", 10)],
    "M7": [
        (datetime.date(2025, 1, 1), "laufend", 30),
        (datetime.date(2025, 7, 1), "abgebrochen", None),
    ],
}


@pytest.fixture
def concept(provider: Organisation) -> Concept:
    concept = Concept.objects.create(slug="wir2", title="WIR 2.0")
    hf1 = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    hf2 = FieldOfAction.objects.create(concept=concept, code="HF2", title="Arbeit")
    city = Area.objects.create(code="S", name="Stadt")
    d1 = Area.objects.create(code="D1", name="Nord", parent=city)
    z1 = Goal.objects.create(concept=concept, code="Z1", title="Sprache", field=hf1)
    z11 = Goal.objects.create(concept=concept, code="Z1.1", title="Kurse", parent=z1)
    Goal.objects.create(concept=concept, code="Z1.N", title="Cafés", parent=z1, area=d1)
    z2 = Goal.objects.create(concept=concept, code="Z2", title="Beruf", field=hf2)
    lead = actor_for_organisation(provider)
    partner = Actor.objects.create(name="Volkshochschule", kind_id=lead.kind_id)
    programme = FundingProgramme.objects.create(code="P1", title="Bund")
    for code, entries in ENTRIES.items():
        measure = Measure.objects.create(concept=concept, code=code, title=f"Maßnahme {code}")
        measure.goals.add(z1)
        for day, status, stand in entries:
            ProgressEntry.objects.create(measure=measure, date=day, status=status, stand=stand)
    m1 = Measure.objects.get(concept=concept, code="M1")
    Measure.objects.filter(pk=m1.pk).update(
        description="Kurse im Stadtteil",
        lead=lead,
        starts_on=datetime.date(2024, 1, 1),
        planned_end=datetime.date(2026, 12, 31),
        planned_cost=Decimal("12000.50"),
        funding=programme,
        target_groups="Eltern\nJugendliche",
        internal_note="intern",
    )
    m1.goals.set([z11, z2])
    m1.partners.set([partner])
    m1.areas.set([d1])
    Indicator.objects.create(
        measure=m1,
        name="Teilnehmende",
        unit="Personen",
        baseline=10,
        target=40,
        year=2026,
        source=IndicatorSource.GROUP_ATTENDANCES,
    )
    return concept


def start(concept: Concept, user: Any = None, slug: str = "wir3") -> Concept:
    return start_successor(
        concept,
        slug=slug,
        title="WIR 3.0",
        day=D,
        user=user,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2030, 12, 31),
    )


def tree(concept: Concept) -> set[tuple[Any, ...]]:
    return {
        (
            g.code,
            g.title,
            g.field.code if g.field else None,
            g.parent.code if g.parent else None,
            g.area_id,
        )
        for g in Goal.objects.filter(concept=concept).select_related("field", "parent")
    }


@pytest.mark.django_db
def test_open_measures_are_carried_with_their_goals_and_links(concept: Concept) -> None:
    new = start(concept)
    assert new.predecessor == concept
    assert (new.period_start, new.period_end) == (
        datetime.date(2026, 1, 1),
        datetime.date(2030, 12, 31),
    )
    assert sorted(new.measures.values_list("code", flat=True)) == ["M1", "M4", "M6", "M7"]
    for measure in new.measures.all():
        assert measure.carried_from == concept.measures.get(code=measure.code)
    assert set(new.fields.values_list("code", "title")) == {("HF1", "Bildung"), ("HF2", "Arbeit")}
    assert tree(new) == tree(concept)
    assert len(tree(new)) == 4

    old, m1 = concept.measures.get(code="M1"), new.measures.get(code="M1")
    assert sorted(g.code for g in m1.goals.all()) == ["Z1.1", "Z2"]
    assert {g.concept_id for g in m1.goals.all()} == {new.pk}  # the copies, not the old goals
    copied = ["description", "lead_id", "starts_on", "planned_end", "planned_cost"]
    copied += ["funding_id", "target_groups", "internal_note", "draft", "title"]
    assert [getattr(m1, f) for f in copied] == [getattr(old, f) for f in copied]
    assert list(m1.partners.values_list("name", flat=True)) == ["Volkshochschule"]
    assert list(m1.areas.values_list("code", flat=True)) == ["D1"]
    indicator = m1.indicators.get()
    assert (indicator.name, indicator.unit, indicator.baseline, indicator.target) == (
        "Teilnehmende",
        "Personen",
        Decimal(10),
        Decimal(40),
    )
    assert (indicator.year, indicator.source) == (2026, IndicatorSource.GROUP_ATTENDANCES)
    # The old edition keeps its own history untouched.
    assert old.progress.count() == 2 and old.indicators.count() == 1


@pytest.mark.django_db
def test_each_carried_measure_opens_with_its_status_and_stand(
    concept: Concept, users_by_role: dict[str, Any]
) -> None:
    coordinator = users_by_role[Role.INTEGRATION_COORDINATOR.value]
    new = start(concept, coordinator)
    entries = ProgressEntry.objects.filter(measure__concept=new).order_by("measure__code")
    assert [(e.measure.code, e.date, e.status, e.stand) for e in entries] == [
        ("M1", D, "laufend", 60),
        ("M4", D, "geplant", 0),
        ("M6", D, "zurueckgestellt", 10),
        ("M7", D, "laufend", 30),
    ]
    assert {e.recorded_by for e in entries} == {coordinator}
    assert "M1" in entries[0].remark and "WIR 2.0" in entries[0].remark
    report = plan_report(new, D)
    assert report["nach_status"] == {
        "geplant": 1,
        "laufend": 2,
        "abgeschlossen": 0,
        "zurueckgestellt": 1,
        "abgebrochen": 0,
    }
    assert report["stand_mittel"] == 25.0  # (60 + 0 + 10 + 30) / 4
    assert report["gebiete"]["D1"] == {"massnahmen": 1, "ziele": 1}


@pytest.mark.django_db
def test_a_second_successor_is_refused_and_nothing_is_stored(concept: Concept) -> None:
    start(concept)
    counts = (Concept.objects.count(), Measure.objects.count(), Goal.objects.count())
    with pytest.raises(ValidationError):
        start(concept, slug="wir3b")
    assert (Concept.objects.count(), Measure.objects.count(), Goal.objects.count()) == counts


@pytest.mark.django_db
def test_a_refused_start_stores_nothing(concept: Concept) -> None:
    Concept.objects.create(slug="wir3", title="schon da")
    with pytest.raises(ValidationError):
        start(concept)
    assert not Concept.objects.filter(predecessor=concept).exists()
    assert Goal.objects.exclude(concept=concept).count() == 0


@pytest.mark.django_db
def test_the_coordinator_starts_the_successor_on_pages(
    concept: Concept, users_by_role: dict[str, Any]
) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    page = client.get(reverse("planning:concept_detail", kwargs={"slug": "wir2"}))
    url = reverse("planning:successor_create", kwargs={"slug": "wir2"})
    assert url in page.content.decode()
    form = client.get(url)
    assert form.status_code == 200
    response = client.post(
        url,
        {
            "slug": "wir3",
            "title": "WIR 3.0",
            "carry_on": "2025-06-30",
            "period_start": "2026-01-01",
        },
    )
    assert response.status_code == 302
    new = Concept.objects.get(slug="wir3")
    assert response.url == reverse("planning:concept_detail", kwargs={"slug": "wir3"})
    assert new.measures.count() == 4

    old_page = client.get(reverse("planning:concept_detail", kwargs={"slug": "wir2"}))
    text = old_page.content.decode()
    assert reverse("planning:concept_detail", kwargs={"slug": "wir3"}) in text  # next edition
    assert url not in text  # no second successor offered
    new_page = client.get(reverse("planning:concept_detail", kwargs={"slug": "wir3"}))
    assert reverse("planning:concept_detail", kwargs={"slug": "wir2"}) in new_page.content.decode()

    m1 = new.measures.get(code="M1")
    measure_page = client.get(reverse("planning:measure_detail", kwargs={"pk": m1.pk}))
    old_m1 = reverse("planning:measure_detail", kwargs={"pk": m1.carried_from_id})
    assert old_m1 in measure_page.content.decode()

    again = client.post(url, {"slug": "wir4", "title": "WIR 4.0", "carry_on": "2025-06-30"})
    assert again.status_code == 302 and again.url.endswith("/wir2/")
    assert not Concept.objects.filter(slug="wir4").exists()


@pytest.mark.django_db
def test_bad_input_is_refused_on_the_form(concept: Concept, users_by_role: dict[str, Any]) -> None:
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:successor_create", kwargs={"slug": "wir2"})
    for data in (
        {"slug": "wir2", "title": "WIR", "carry_on": "2025-06-30"},  # taken
        {"slug": "neu", "title": "WIR", "carry_on": "2025-06-30"},  # reserved
        {"slug": "wir3", "title": "WIR", "carry_on": "2999-01-01"},  # future
        {"slug": "wir3", "title": "", "carry_on": "2025-06-30"},
    ):
        assert client.post(url, data).status_code == 400, data
    assert Concept.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.STATISTICS.value, Role.TEAM_LEAD.value, Role.COUNSELLOR.value, "none"]
)
def test_only_the_coordinator_may_start_a_successor(
    concept: Concept, users_by_role: dict[str, Any], role: str
) -> None:
    client = signed_in_client(users_by_role[role])
    url = reverse("planning:successor_create", kwargs={"slug": "wir2"})
    response = client.post(url, {"slug": "wir3", "title": "WIR 3.0", "carry_on": "2025-06-30"})
    assert response.status_code == 403
    assert not Concept.objects.filter(slug="wir3").exists()
