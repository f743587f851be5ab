"""Reminders of measures running without progress (reminders.py, dashboard.py), by hand.

Today T (the test's own date). The provider "diakonie" leads A, B, C and E; another
provider leads F:

| measure | entries | on T |
|---|---|---|
| A | laufend T − 181 | silent (no entry T − 179 … T) |
| B | laufend T − 179 | not silent: the entry lies in the window |
| C | laufend T − 300; abgeschlossen T − 200 | not silent: completed |
| E | laufend T − 180 | silent: T − 180 lies just outside the window |
| F | laufend T − 181, led by another provider | silent, but not the provider's |
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.accounts.roles import Role
from teilhabe.conftest import make_user, signed_in_client
from teilhabe.network.services import actor_for_organisation
from teilhabe.organisations.models import Organisation
from teilhabe.organisations.services import create_organisation
from teilhabe.planning import dashboard
from teilhabe.planning.editions import start_successor
from teilhabe.planning.figures import plan_report
from teilhabe.planning.models import Concept, FieldOfAction, Goal, Measure, ProgressEntry
from teilhabe.planning.reminders import silent_in_concept


@pytest.fixture
def other(db: None) -> Organisation:
    return create_organisation("awo", "AWO Teststadt", ["MBE"])


@pytest.fixture
def concept(provider: Organisation, other: Organisation) -> Concept:
    today = timezone.localdate()
    concept = Concept.objects.create(slug="wir2", title="WIR 2.0")
    field = FieldOfAction.objects.create(concept=concept, code="HF1", title="Bildung")
    goal = Goal.objects.create(concept=concept, code="Z1", title="Sprache", field=field)
    ours, theirs = actor_for_organisation(provider), actor_for_organisation(other)
    plan = {
        "A": (ours, [(181, "laufend")]),
        "B": (ours, [(179, "laufend")]),
        "C": (ours, [(300, "laufend"), (200, "abgeschlossen")]),
        "E": (ours, [(180, "laufend")]),
        "F": (theirs, [(181, "laufend")]),
    }
    for code, (lead, entries) in plan.items():
        measure = Measure.objects.create(concept=concept, code=code, title=f"Maßnahme {code}")
        measure.goals.add(goal)
        Measure.objects.filter(pk=measure.pk).update(lead=lead)
        for days, status in entries:
            day = today - datetime.timedelta(days=days)
            ProgressEntry.objects.create(measure=measure, date=day, status=status)
    return concept


def codes(items: list[Any]) -> list[str]:
    return [item.measure.code for item in items]


@pytest.mark.django_db
def test_the_coordinators_list_is_the_reports_ohne_fortschritt(concept: Concept) -> None:
    today = timezone.localdate()
    silent = silent_in_concept(concept, today)
    assert codes(silent) == ["A", "E", "F"]
    assert codes(silent) == plan_report(concept, today)["ohne_fortschritt"]
    assert [(s.last_entry, s.days) for s in silent][:2] == [
        (today - datetime.timedelta(days=181), 181),
        (today - datetime.timedelta(days=180), 180),
    ]


@pytest.mark.django_db
def test_the_lead_sees_only_their_own_silent_measures(
    concept: Concept, users_by_role: dict[str, Any], other: Organisation
) -> None:
    lead = users_by_role[Role.TEAM_LEAD.value]
    panel = dashboard.silent_measures(lead)
    assert panel is not None
    assert codes(panel.context["silent"]) == ["A", "E"]

    other_lead = make_user("awo_leitung", other, Role.TEAM_LEAD.value)
    other_panel = dashboard.silent_measures(other_lead)
    assert other_panel is not None and codes(other_panel.context["silent"]) == ["F"]
    # Roles that record no progress get no panel.
    assert dashboard.silent_measures(users_by_role[Role.COUNSELLOR.value]) is None
    assert dashboard.silent_measures(users_by_role[Role.STATISTICS.value]) is None


@pytest.mark.django_db
def test_the_start_page_shows_the_panel_with_last_entry_and_link(
    concept: Concept, users_by_role: dict[str, Any]
) -> None:
    today = timezone.localdate()
    page = signed_in_client(users_by_role[Role.TEAM_LEAD.value]).get(reverse("core:dashboard"))
    text = page.content.decode()
    a, b = concept.measures.get(code="A"), concept.measures.get(code="B")
    f = concept.measures.get(code="F")
    assert reverse("planning:measure_detail", kwargs={"pk": a.pk}) in text
    assert (today - datetime.timedelta(days=181)).strftime("%d.%m.%Y") in text
    assert reverse("planning:progress_create", kwargs={"pk": a.pk}) in text
    assert reverse("planning:measure_detail", kwargs={"pk": b.pk}) not in text
    assert reverse("planning:measure_detail", kwargs={"pk": f.pk}) not in text


@pytest.mark.django_db
def test_no_panel_when_nothing_is_silent(
    concept: Concept, users_by_role: dict[str, Any], provider: Organisation
) -> None:
    today = timezone.localdate()
    for code in ("A", "E"):
        ProgressEntry.objects.create(
            measure=concept.measures.get(code=code), date=today, remark="weiter"
        )
    assert dashboard.silent_measures(users_by_role[Role.TEAM_LEAD.value]) is None


@pytest.mark.django_db
def test_the_list_page_on_a_date(concept: Concept, users_by_role: dict[str, Any]) -> None:
    today = timezone.localdate()
    client = signed_in_client(users_by_role[Role.INTEGRATION_COORDINATOR.value])
    url = reverse("planning:silent_list", kwargs={"slug": "wir2"})
    text = client.get(url).content.decode()
    for code, shown in (("A", True), ("B", False), ("C", False), ("E", True), ("F", True)):
        link = reverse("planning:measure_detail", kwargs={"pk": concept.measures.get(code=code).pk})
        assert (link in text) is shown, code
    # 100 days ago, A's entry (81 days before that) lies in the window: nothing is silent.
    earlier = (today - datetime.timedelta(days=100)).strftime("%d.%m.%Y")
    page = client.get(url, {"stichtag": earlier})
    assert page.status_code == 200
    assert "Maßnahme A" not in page.content.decode()
    assert client.get(url, {"stichtag": "kein Datum"}).status_code == 400
    concept_page = client.get(reverse("planning:concept_detail", kwargs={"slug": "wir2"}))
    assert url in concept_page.content.decode()


@pytest.mark.django_db
def test_a_measure_carried_into_a_successor_reminds_no_more(
    concept: Concept, users_by_role: dict[str, Any]
) -> None:
    """Progress of a carried measure is recorded on its copy in the new edition (which
    opens with an entry of the carry-over day); the old one stays in its edition's list."""
    today = timezone.localdate()
    start_successor(concept, slug="wir3", title="WIR 3.0", day=today, user=None)
    assert dashboard.silent_measures(users_by_role[Role.TEAM_LEAD.value]) is None
    assert codes(silent_in_concept(concept, today)) == ["A", "E", "F"]
