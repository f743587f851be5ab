"""The participation pages as their users meet them: the coordinator records an event
with its counts, adds and answers ideas (also with a new measure); the measure page
shows the ideas it came from; the public page of a published concept shows the plan and
"Sie haben gesagt – wir haben getan" without sign-in and without anything internal."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from teilhabe.accounts.roles import Role
from teilhabe.conftest import signed_in_client
from teilhabe.participation import services
from teilhabe.participation.models import Answer, Idea, ParticipationEvent
from teilhabe.participation.tests.world import participation_world
from teilhabe.planning.models import Concept, Goal, Measure, ProgressEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    # Pages are compared against msgids; the German comes with the .po file.
    with translation.override("en"):
        yield


def signed_in(user: Any) -> Client:
    client = signed_in_client(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def anonymous() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def world(users_by_role: dict[str, Any]) -> dict[str, Any]:
    return participation_world()


@pytest.fixture
def coordinator(users_by_role: dict[str, Any]) -> Client:
    return signed_in(users_by_role[Role.INTEGRATION_COORDINATOR.value])


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_coordinator_records_an_event_with_counts(
    world: dict[str, Any], coordinator: Client
) -> None:
    url = reverse("participation:event_create", kwargs={"slug": "beteiligt"})
    form = {
        "kind": "stadtteilkonferenz",
        "title": "Stadtteilkonferenz Nord",
        "date": "2025-04-01",
        "under_18": "2",
        "age_18_26": "0",
        "age_27_64": "9",
        "age_65_plus": "3",
        "age_unknown": "0",
        "female": "8",
        "male": "5",
        "diverse": "0",
        "gender_unknown": "0",
    }
    refused = coordinator.post(url, form)  # 14 by age, 13 by gender
    assert refused.status_code == 400
    assert "add up to 14 participants, the counts by gender to 13" in text(refused)
    # Once, with both totals: not again as the database constraint's generic message.
    assert "participation_counts_add_up" not in text(refused)
    assert not ParticipationEvent.objects.filter(title="Stadtteilkonferenz Nord").exists()

    stored = coordinator.post(url, {**form, "gender_unknown": "1"})
    event = ParticipationEvent.objects.get(title="Stadtteilkonferenz Nord")
    assert stored.status_code == 302 and stored.url == reverse(
        "participation:event_detail", kwargs={"pk": event.pk}
    )
    assert event.participants == 14 and event.gender_unknown == 1
    page = text(coordinator.get(stored.url))
    assert "14 participants" in page
    listing = text(
        coordinator.get(reverse("participation:event_list", kwargs={"slug": "beteiligt"}))
    )
    assert "Stadtteilkonferenz Nord" in listing and "World Café Welt" in listing


def test_the_coordinator_adds_and_answers_ideas(world: dict[str, Any], coordinator: Client) -> None:
    event = world["<participation_event>"]
    added = coordinator.post(
        reverse("participation:idea_create", kwargs={"pk": event}),
        {"text": "Vorlesen in vielen Sprachen", "topic": "Bildung"},
    )
    assert added.status_code == 302
    idea = Idea.objects.get(text="Vorlesen in vielen Sprachen")
    url = reverse("participation:idea_answer", kwargs={"pk": idea.pk})
    answer = {"version": idea.version, "answer": "nicht_aufgegriffen", "answered_on": "2025-05-01"}
    refused = coordinator.post(url, answer)
    assert refused.status_code == 400 and "Give the reason" in text(refused)
    idea.refresh_from_db()
    assert idea.answer == Answer.OPEN

    done = coordinator.post(url, {**answer, "reason": "Gibt es schon in der Bibliothek"})
    assert done.status_code == 302
    idea.refresh_from_db()
    assert idea.answer == Answer.NOT_TAKEN_UP and idea.answered_on == datetime.date(2025, 5, 1)
    page = text(coordinator.get(reverse("participation:event_detail", kwargs={"pk": event})))
    assert "Gibt es schon in der Bibliothek" in page and "not taken up" in page


def test_answering_with_a_new_measure_creates_and_links_it(
    world: dict[str, Any], coordinator: Client
) -> None:
    idea = Idea.objects.get(pk=world["<participation_idea>"])
    goal = Goal.objects.get(concept__slug="beteiligt", code="Z1")
    url = reverse("participation:idea_new_measure", kwargs={"pk": idea.pk})
    form_page = text(coordinator.get(url))
    assert "Ein Lesecafé" in form_page  # the idea, and the measure's title proposed from it
    response = coordinator.post(
        url,
        {
            "code": "M7",
            "title": "Lesecafé im Stadtteil",
            "goals": [goal.pk],
            "answer-version": idea.version,
            "answer-answered_on": "2025-06-01",
            "answer-public_text": "Startet im Herbst",
        },
    )
    measure = Measure.objects.get(concept__slug="beteiligt", code="M7")
    assert response.status_code == 302
    assert response.url == reverse("planning:measure_detail", kwargs={"pk": measure.pk})
    idea.refresh_from_db()
    assert (idea.answer, idea.measure_id) == (Answer.TAKEN_UP, measure.pk)
    page = text(coordinator.get(response.url))
    assert "Ideas this measure came from" in page and "„Ein Lesecafé“" in page


def test_the_measure_page_shows_its_ideas_to_the_lead_without_the_event_link(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Any
) -> None:
    from teilhabe.network.services import actor_for_organisation

    measure = Measure.objects.get(pk=world["<participation_measure>"])
    measure.lead = actor_for_organisation(provider)
    measure.save()
    url = reverse("planning:measure_detail", kwargs={"pk": measure.pk})
    lead = text(signed_in(users_by_role[Role.TEAM_LEAD.value]).get(url))
    assert "„Kurse am Abend“" in lead
    event_url = reverse("participation:event_detail", kwargs={"pk": world["<participation_event>"]})
    assert event_url not in lead
    reader = text(signed_in(users_by_role[Role.STATISTICS.value]).get(url))
    assert event_url in reader
    # A measure no idea came from has no such section.
    other = reverse("planning:measure_detail", kwargs={"pk": world["<participation_draft>"]})
    assert "Ideas this measure came from" not in text(
        signed_in(users_by_role[Role.STATISTICS.value]).get(other)
    )


def test_statistics_reads_but_does_not_keep(world: dict[str, Any], users_by_role: Any) -> None:
    client = signed_in(users_by_role[Role.STATISTICS.value])
    page = text(
        client.get(
            reverse("participation:event_detail", kwargs={"pk": world["<participation_event>"]})
        )
    )
    assert "Kurse am Abend" in page
    assert (
        reverse("participation:event_edit", kwargs={"pk": world["<participation_event>"]})
        not in page
    )
    assert (
        reverse("participation:idea_answer", kwargs={"pk": world["<participation_idea>"]})
        not in page
    )


def test_the_public_page_shows_the_plan_and_the_answers_without_sign_in(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    measure = Measure.objects.get(pk=world["<participation_measure>"])
    coordinator = users_by_role[Role.INTEGRATION_COORDINATOR.value]
    ProgressEntry.objects.create(
        measure=measure,
        date=datetime.date(2025, 1, 10),
        status="laufend",
        stand=30,
        remark="Fortschrittstext nur intern",
        recorded_by=coordinator,
    )
    # An idea taken up as the draft measure: the answer shows, the draft does not.
    draft_idea = services.add_idea(
        ParticipationEvent.objects.get(pk=world["<participation_event>"]), text="Schachclub"
    )
    services.answer_idea(
        draft_idea,
        answer=Answer.TAKEN_UP,
        measure=Measure.objects.get(pk=world["<participation_draft>"]),
        day=datetime.date(2025, 4, 1),
        user=coordinator,
    )
    response = anonymous().get(reverse("participation:public:plan", kwargs={"slug": "beteiligt"}))
    assert response.status_code == 200
    page = text(response)
    # Fields, goals and the published measure with its status and stand today.
    assert "HF1 Sprache" in page and "Z1 Deutsch lernen" in page
    assert re.search(r"M1 Abendkurse – running, 30 % done \(lead: Volkshochschule Welt\)", page)
    # Answered ideas with their answers; the reason of one not taken up.
    assert "„Kurse am Abend“" in page and "taken up as a measure: M1 Abendkurse" in page
    assert "„Kurse kostenlos im Bus“" in page and "Nicht Sache der Stadt" in page
    assert "„Schachclub“" in page and "a measure in preparation" in page
    # Never: a draft, an internal note, a progress text, an open idea, a person.
    assert "Geheimer Entwurf" not in page and "M2" not in page
    assert "Nur intern" not in page and "Fortschrittstext" not in page
    assert "Ein Lesecafé" not in page
    for user in users_by_role.values():
        assert user.get_full_name() not in page and user.username not in page


def test_an_unpublished_or_unknown_concept_has_no_public_page(world: dict[str, Any]) -> None:
    Concept.objects.filter(slug="beteiligt").update(published=False)
    for slug in ("beteiligt", "gibt-es-nicht"):
        url = reverse("participation:public:plan", kwargs={"slug": slug})
        assert anonymous().get(url).status_code == 404


def test_the_overview_counts_events_and_open_ideas(
    world: dict[str, Any], coordinator: Client
) -> None:
    page = text(coordinator.get(reverse("participation:overview")))
    # Beteiligt 2030: one event, three ideas, one without an answer.
    assert re.search(
        r"Beteiligt 2030</a></td> <td[^>]*>1</td> <td[^>]*>3</td> <td[^>]*>1</td>", page
    )
    assert reverse("participation:public:plan", kwargs={"slug": "beteiligt"}) in page
