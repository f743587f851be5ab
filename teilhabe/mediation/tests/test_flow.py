"""The pages end to end: an outside body requests, the coordinator sees the ranking and
assigns, the mediator confirms and completes; another organisation's request is 404;
the calendar shows no names; reads are in the audit log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from teilhabe.activities.selectors import calendar_entries
from teilhabe.conftest import signed_in_client
from teilhabe.mediation.models import Assignment, MediationRequest, Mediator, RequestingBody, Status
from teilhabe.mediation.tests.world import make_request, mediation_world
from teilhabe.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(provider: Organisation, users_by_role: dict[str, Any]) -> dict[str, Any]:
    return mediation_world(provider, users_by_role["counsellor"])


def test_another_organisations_request_is_404(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    other = Organisation.objects.create(slug="andere", name="Andere")
    foreign = make_request(RequestingBody.objects.create(organisation=other, name="Fremd"))
    lead = signed_in_client(users_by_role["team_lead"])
    for name in ("request_detail", "request_cancel", "request_complete"):
        assert lead.get(reverse(f"mediation:{name}", args=[foreign.pk])).status_code == 404
    mediator = Mediator.objects.get(pk=world["<mediator>"])
    response = lead.post(reverse("mediation:assign", args=[foreign.pk]), {"mediator": mediator.pk})
    assert response.status_code == 404
    assert (
        lead.get(
            reverse("mediation:request_detail", args=[world["<mediation_request>"]])
        ).status_code
        == 200
    )
    overview = lead.get(reverse("mediation:overview")).content.decode()
    assert "Fremd" not in overview


def test_outside_body_requests_coordinator_assigns_mediator_confirms_and_completes(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Organisation
) -> None:
    form = {
        "requesting_person": "Frau Sekretariat",
        "language": "ron",
        "subject": "schule",
        "date": "2030-03-04",
        "starts_at": "08:00",
        "duration_minutes": "45",
        "modality": "vor_ort",
        "place": "Schulstraße 1",
        "family_reference": "F-17",
    }
    url = reverse("mediation:outside_request", args=[world["<body_token>"]])
    assert Client().post(url, {**form, "date": "2020-01-06"}).status_code == 400  # past
    assert not MediationRequest.objects.filter(family_reference="F-17").exists()
    assert Client().post(url, form).status_code == 200
    item = MediationRequest.objects.get(family_reference="F-17")
    assert (item.organisation, item.created_by, item.status) == (provider, None, Status.OPEN)
    assert Client().get(reverse("mediation:outside_request", args=["falsch"])).status_code == 404

    lead = signed_in_client(users_by_role["team_lead"])
    page = lead.get(reverse("mediation:request_detail", args=[item.pk])).content.decode()
    assert "Ana Popescu" in page and "Rumänisch" in page  # ranked, with the reason
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(item.pk), actor=users_by_role["team_lead"]
    ).exists()
    lead.post(reverse("mediation:assign", args=[item.pk]), {"mediator": world["<mediator>"]})
    item.refresh_from_db()
    assert item.status == Status.ASSIGNED

    mediator = signed_in_client(users_by_role["counsellor"])
    assignment = Assignment.objects.get(request=item, cancelled_at=None)
    mine = mediator.get(reverse("mediation:my_assignments")).content.decode()
    assert reverse("mediation:my_confirm", args=[assignment.pk]) in mine
    mediator.post(reverse("mediation:my_confirm", args=[assignment.pk]))
    item.refresh_from_db()
    assert item.status == Status.CONFIRMED
    MediationRequest.objects.filter(pk=item.pk).update(
        date=datetime.date(2026, 3, 2)
    )  # it took place
    response = mediator.post(
        reverse("mediation:my_complete", args=[assignment.pk]),
        {"minutes_spent": "50", "travel_minutes": "20", "travel_km": "4.5", "modality": "vor_ort"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.COMPLETED
    sheet = lead.get(reverse("mediation:allowances") + "?monat=2026-03").content.decode()
    assert "Ana Popescu" in sheet and "36,35" in sheet  # 70/60 h x 30 + 4.5 km x 0.30


def test_calendar_entries_of_the_mediator_carry_no_names(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Organisation
) -> None:
    day = datetime.date(2024, 3, 4)
    entries = calendar_entries(provider, day, day, user=users_by_role["counsellor"])
    (entry,) = [e for e in entries if e.kind == "mediation"]
    assert "Rumänisch" in entry.title
    assert entry.place == "Gesamtschule Matrix"  # the body, not the request's place
    for name in ("Popescu", "Sekretariat", "Schulstraße"):
        assert name not in entry.title + entry.place
    others = calendar_entries(provider, day, day, user=users_by_role["team_lead"])
    assert not [e for e in others if e.kind == "mediation"]


def test_cancellation_by_mediator_reopens_by_requester_closes(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    mediator = signed_in_client(users_by_role["counsellor"])
    assignment = Assignment.objects.get(pk=world["<assignment>"])
    url = reverse("mediation:my_cancel", args=[assignment.pk])
    assert mediator.post(url, {"reason": ""}).status_code == 400
    assert mediator.post(url, {"reason": "krank"}).status_code == 302
    item = assignment.request
    item.refresh_from_db()
    assert item.status == Status.OPEN
    lead = signed_in_client(users_by_role["team_lead"])
    response = lead.post(
        reverse("mediation:request_cancel", args=[item.pk]),
        {"side": "anfragend", "reason": "Gespräch verschoben"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.cancel_reason) == (Status.CANCELLED, "Gespräch verschoben")


def test_mediator_takes_only_requests_in_their_languages(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    body = RequestingBody.objects.get(pk=world["<requesting_body>"])
    arabic = make_request(body, language="ara", date=datetime.date(2030, 1, 8))
    balkan = make_request(body, language="rmn", date=datetime.date(2030, 1, 8))
    mediator = signed_in_client(users_by_role["counsellor"])
    page = mediator.get(reverse("mediation:my_assignments")).content.decode()
    assert reverse("mediation:accept", args=[balkan.pk]) in page  # speaks rmy: related
    assert mediator.post(reverse("mediation:accept", args=[arabic.pk])).status_code == 404
    mediator.post(reverse("mediation:accept", args=[balkan.pk]))
    balkan.refresh_from_db()
    assert balkan.status == Status.CONFIRMED  # taking it is confirming it


def test_staff_request_goes_to_the_pool_of_the_body(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Organisation
) -> None:
    client = signed_in_client(users_by_role["programme_coordinator"])
    response = client.post(
        reverse("mediation:request_create"),
        {
            "body": world["<requesting_body>"],
            "requesting_person": "Herr Berater",
            "language": "bul",
            "subject": "gesundheit",
            "date": "2030-02-01",
            "starts_at": "09:00",
            "duration_minutes": "60",
            "modality": "telefon",
        },
    )
    assert response.status_code == 302
    item = MediationRequest.objects.get(language="bul")
    assert (item.organisation, item.created_by) == (
        provider,
        users_by_role["programme_coordinator"],
    )


def test_a_request_no_longer_open_is_not_assigned_twice(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    lead = signed_in_client(users_by_role["team_lead"])
    url = reverse("mediation:assign", args=[world["<assigned_request>"]])
    lead.post(url, {"mediator": world["<mediator>"]})
    assert Assignment.objects.filter(request_id=world["<assigned_request>"]).count() == 1


def test_city_figures_hide_small_numbers(
    world: dict[str, Any], users_by_role: dict[str, Any]
) -> None:
    # The world holds two requests of one body in 2024 and 2030: in 2024 one request,
    # fulfilled neither way (assigned, not completed): a 1 that must not be shown.
    page = signed_in_client(users_by_role["statistics"]).get(
        reverse("mediation:city_figures") + "?jahr=2024"
    )
    body = page.content.decode()
    assert "Gesamtschule Matrix" in body
    table = body[body.find("Gesamtschule Matrix") :]
    row = table[: table.find("</tr>")]
    assert ">1<" not in row and "•" in row


def test_a_stale_mediator_form_is_refused(
    world: dict[str, Any], users_by_role: dict[str, Any], provider: Organisation
) -> None:
    lead = signed_in_client(users_by_role["team_lead"])
    mediator = Mediator.objects.get(pk=world["<mediator>"])
    data = {
        "organisation": provider.pk,
        "first_name": "Ana",
        "last_name": "Popescu-Neu",
        "kind": "honorar",
        "languages": ["ron"],
        "modalities": ["vor_ort"],
        "weekly_hours": "10",
        "is_active": "on",
        "version": str(mediator.version),
    }
    url = reverse("mediation:mediator_edit", args=[mediator.pk])
    assert lead.post(url, data).status_code == 302
    stale = lead.post(url, {**data, "last_name": "Popescu-Alt"})  # same, now old version
    assert stale.status_code == 400
    mediator.refresh_from_db()
    assert mediator.last_name == "Popescu-Neu"


def test_ranking_input_from_the_database(world: dict[str, Any], provider: Organisation) -> None:
    from teilhabe.mediation import selectors, services

    body = RequestingBody.objects.get(pk=world["<requesting_body>"])
    ana = Mediator.objects.get(pk=world["<mediator>"])
    bogdan = Mediator.objects.create(
        organisation=provider,
        first_name="Bogdan",
        last_name="Ionescu",
        kind="honorar",
        languages=["ron"],
        modalities=["vor_ort"],
    )
    # Bogdan met family F-9 a year earlier (another month: the family still counts).
    earlier = make_request(body, date=datetime.date(2029, 1, 10), family_reference="F-9")
    services.assign(earlier, bogdan, user=None)
    new = make_request(body, date=datetime.date(2030, 1, 7), family_reference="F-9")
    ranked = selectors.ranking(new)
    assert [item.candidate.name for item in ranked] == ["Bogdan Ionescu", "Ana Popescu"]
    assert any(reason.points == 30 for reason in ranked[0].reasons)
    # Bogdan takes the world's open request of the same day and hour: now he is busy.
    same_time = MediationRequest.objects.get(pk=world["<mediation_request>"])
    services.assign(same_time, bogdan, user=None)
    ranked = selectors.ranking(new)
    assert [item.candidate.name for item in ranked] == ["Ana Popescu", "Bogdan Ionescu"]
    assert not ranked[1].free
    assert ana.pk == ranked[0].candidate.mediator_id
